
    
    



select period_end
from "staging"."main"."fct_kpi_sdq_mean"
where period_end is null


