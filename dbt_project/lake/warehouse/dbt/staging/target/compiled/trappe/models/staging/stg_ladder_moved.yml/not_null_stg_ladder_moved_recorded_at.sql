
    
    



select recorded_at
from "staging"."main"."stg_ladder_moved"
where recorded_at is null


