
    
    



select event_id
from "staging"."main"."stg_followup_held"
where event_id is null


