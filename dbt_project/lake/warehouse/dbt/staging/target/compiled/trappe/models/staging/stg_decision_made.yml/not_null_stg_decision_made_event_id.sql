
    
    



select event_id
from "staging"."main"."stg_decision_made"
where event_id is null


