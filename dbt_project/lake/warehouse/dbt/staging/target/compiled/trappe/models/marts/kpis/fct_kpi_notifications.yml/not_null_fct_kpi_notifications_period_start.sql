
    
    



select period_start
from "staging"."main"."fct_kpi_notifications"
where period_start is null


