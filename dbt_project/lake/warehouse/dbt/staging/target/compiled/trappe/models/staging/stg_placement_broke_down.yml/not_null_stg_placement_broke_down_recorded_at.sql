
    
    



select recorded_at
from "staging"."main"."stg_placement_broke_down"
where recorded_at is null


