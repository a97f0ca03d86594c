
    
    



select event_id
from "staging"."main"."stg_notification_received"
where event_id is null


