
    
    



select event_id
from "staging"."main"."stg_case_opened"
where event_id is null


