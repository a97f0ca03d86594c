
    
    



select period_start
from "staging"."main"."fct_kpi_placement"
where period_start is null


