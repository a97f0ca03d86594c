
    
    



select period
from "staging"."main"."fct_kpi_cases_by_step"
where period is null


