
    
    



select event_id
from "staging"."main"."stg_event_retracted"
where event_id is null


