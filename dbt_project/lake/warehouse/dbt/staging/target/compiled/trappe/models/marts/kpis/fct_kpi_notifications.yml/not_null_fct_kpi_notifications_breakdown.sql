
    
    



select breakdown
from "staging"."main"."fct_kpi_notifications"
where breakdown is null


