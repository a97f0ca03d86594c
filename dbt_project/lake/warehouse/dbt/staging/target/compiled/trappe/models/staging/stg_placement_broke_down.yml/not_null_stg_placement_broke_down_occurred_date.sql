
    
    



select occurred_date
from "staging"."main"."stg_placement_broke_down"
where occurred_date is null


