
    
    



select event_id
from "staging"."main"."stg_case_closed"
where event_id is null


