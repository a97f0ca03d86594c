
    
    



select kpi
from "staging"."main"."fct_kpi_notifications"
where kpi is null


