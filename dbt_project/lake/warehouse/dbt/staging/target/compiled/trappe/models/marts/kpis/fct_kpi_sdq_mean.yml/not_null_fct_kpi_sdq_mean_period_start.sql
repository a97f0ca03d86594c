
    
    



select period_start
from "staging"."main"."fct_kpi_sdq_mean"
where period_start is null


