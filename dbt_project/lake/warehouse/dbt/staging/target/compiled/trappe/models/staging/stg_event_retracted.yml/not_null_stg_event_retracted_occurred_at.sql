
    
    



select occurred_at
from "staging"."main"."stg_event_retracted"
where occurred_at is null


