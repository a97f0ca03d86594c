
    
    



select event_id
from "staging"."main"."stg_notification_assessed"
where event_id is null


