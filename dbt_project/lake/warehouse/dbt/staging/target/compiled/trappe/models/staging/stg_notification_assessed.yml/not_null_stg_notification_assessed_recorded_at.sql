
    
    



select recorded_at
from "staging"."main"."stg_notification_assessed"
where recorded_at is null


