
    
    



select municipality
from "staging"."main"."stg_notification_assessed"
where municipality is null


