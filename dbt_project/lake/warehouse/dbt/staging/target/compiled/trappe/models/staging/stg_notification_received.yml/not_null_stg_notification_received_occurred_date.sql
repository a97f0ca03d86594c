
    
    



select occurred_date
from "staging"."main"."stg_notification_received"
where occurred_date is null


