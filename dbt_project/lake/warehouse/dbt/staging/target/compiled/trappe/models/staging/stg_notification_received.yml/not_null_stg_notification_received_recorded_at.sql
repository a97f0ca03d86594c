
    
    



select recorded_at
from "staging"."main"."stg_notification_received"
where recorded_at is null


