
    
    



select recorded_at
from "staging"."main"."stg_event_retracted"
where recorded_at is null


