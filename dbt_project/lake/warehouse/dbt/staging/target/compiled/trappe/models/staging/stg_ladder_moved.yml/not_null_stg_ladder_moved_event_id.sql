
    
    



select event_id
from "staging"."main"."stg_ladder_moved"
where event_id is null


