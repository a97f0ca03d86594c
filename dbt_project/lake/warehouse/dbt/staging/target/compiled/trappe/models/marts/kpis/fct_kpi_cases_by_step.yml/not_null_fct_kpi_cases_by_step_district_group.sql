
    
    



select district_group
from "staging"."main"."fct_kpi_cases_by_step"
where district_group is null


