
    
    



select district
from "staging"."main"."fct_kpi_notifications"
where district is null


