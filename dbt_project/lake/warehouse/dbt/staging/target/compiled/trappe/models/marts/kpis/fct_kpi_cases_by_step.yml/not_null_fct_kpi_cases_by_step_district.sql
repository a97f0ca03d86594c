
    
    



select district
from "staging"."main"."fct_kpi_cases_by_step"
where district is null


