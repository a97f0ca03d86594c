
    
    



select event_id
from "staging"."main"."stg_case_transferred"
where event_id is null


