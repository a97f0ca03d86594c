
    
    



select occurred_at
from "staging"."main"."stg_placement_broke_down"
where occurred_at is null


