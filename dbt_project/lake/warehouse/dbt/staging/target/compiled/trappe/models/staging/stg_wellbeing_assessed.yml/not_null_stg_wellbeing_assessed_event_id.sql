
    
    



select event_id
from "staging"."main"."stg_wellbeing_assessed"
where event_id is null


