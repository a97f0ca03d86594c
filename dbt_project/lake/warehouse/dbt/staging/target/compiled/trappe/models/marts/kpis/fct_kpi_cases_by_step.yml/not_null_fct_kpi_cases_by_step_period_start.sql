
    
    



select period_start
from "staging"."main"."fct_kpi_cases_by_step"
where period_start is null


