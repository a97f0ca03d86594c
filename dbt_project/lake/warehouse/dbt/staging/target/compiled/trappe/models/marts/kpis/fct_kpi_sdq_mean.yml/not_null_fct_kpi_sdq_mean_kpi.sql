
    
    



select kpi
from "staging"."main"."fct_kpi_sdq_mean"
where kpi is null


