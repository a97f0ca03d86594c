
    
    



select municipality
from "staging"."main"."fct_kpi_cases_by_step"
where municipality is null


