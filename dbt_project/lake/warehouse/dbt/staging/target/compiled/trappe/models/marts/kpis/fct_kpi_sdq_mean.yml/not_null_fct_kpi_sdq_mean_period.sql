
    
    



select period
from "staging"."main"."fct_kpi_sdq_mean"
where period is null


