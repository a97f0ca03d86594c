
    
    



select period
from "staging"."main"."fct_kpi_notifications"
where period is null


