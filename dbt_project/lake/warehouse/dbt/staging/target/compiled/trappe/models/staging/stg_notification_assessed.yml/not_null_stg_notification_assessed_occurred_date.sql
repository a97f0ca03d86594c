
    
    



select occurred_date
from "staging"."main"."stg_notification_assessed"
where occurred_date is null


