
    
    



select event_id
from "staging"."main"."stg_placement_broke_down"
where event_id is null


