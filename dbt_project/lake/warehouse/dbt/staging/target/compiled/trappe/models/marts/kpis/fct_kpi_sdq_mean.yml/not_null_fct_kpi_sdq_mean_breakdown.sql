
    
    



select breakdown
from "staging"."main"."fct_kpi_sdq_mean"
where breakdown is null


