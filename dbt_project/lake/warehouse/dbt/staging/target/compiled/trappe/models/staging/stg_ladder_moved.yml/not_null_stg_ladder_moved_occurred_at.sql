
    
    



select occurred_at
from "staging"."main"."stg_ladder_moved"
where occurred_at is null


