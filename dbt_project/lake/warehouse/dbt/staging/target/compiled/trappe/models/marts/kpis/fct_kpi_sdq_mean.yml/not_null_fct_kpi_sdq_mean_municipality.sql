
    
    



select municipality
from "staging"."main"."fct_kpi_sdq_mean"
where municipality is null


