
    
    



select district
from "staging"."main"."fct_kpi_sdq_mean"
where district is null


