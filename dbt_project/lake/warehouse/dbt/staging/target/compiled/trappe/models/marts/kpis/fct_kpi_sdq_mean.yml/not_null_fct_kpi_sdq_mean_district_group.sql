
    
    



select district_group
from "staging"."main"."fct_kpi_sdq_mean"
where district_group is null


