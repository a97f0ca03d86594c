
    
    



select district_group
from "staging"."main"."fct_kpi_notifications"
where district_group is null


