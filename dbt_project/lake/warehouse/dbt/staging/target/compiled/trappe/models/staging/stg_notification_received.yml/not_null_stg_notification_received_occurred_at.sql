
    
    



select occurred_at
from "staging"."main"."stg_notification_received"
where occurred_at is null


