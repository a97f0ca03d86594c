
    
    



select occurred_date
from "staging"."main"."stg_ladder_moved"
where occurred_date is null


