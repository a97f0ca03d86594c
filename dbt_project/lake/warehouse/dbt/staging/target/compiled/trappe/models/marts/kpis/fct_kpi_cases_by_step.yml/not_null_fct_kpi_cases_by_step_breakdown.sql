
    
    



select breakdown
from "staging"."main"."fct_kpi_cases_by_step"
where breakdown is null


