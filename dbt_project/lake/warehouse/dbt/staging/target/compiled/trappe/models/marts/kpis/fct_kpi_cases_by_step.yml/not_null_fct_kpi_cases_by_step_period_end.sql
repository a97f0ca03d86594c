
    
    



select period_end
from "staging"."main"."fct_kpi_cases_by_step"
where period_end is null


