
    
    



select occurred_at
from "staging"."main"."stg_notification_assessed"
where occurred_at is null


