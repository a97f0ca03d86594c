
    
    



select event_id
from "staging"."main"."int_followups_held"
where event_id is null


