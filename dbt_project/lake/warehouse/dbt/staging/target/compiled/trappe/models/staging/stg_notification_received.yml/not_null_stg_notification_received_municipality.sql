
    
    



select municipality
from "staging"."main"."stg_notification_received"
where municipality is null


