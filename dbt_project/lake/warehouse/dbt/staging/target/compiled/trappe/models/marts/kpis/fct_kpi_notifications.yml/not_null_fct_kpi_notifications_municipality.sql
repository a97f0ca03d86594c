
    
    



select municipality
from "staging"."main"."fct_kpi_notifications"
where municipality is null


