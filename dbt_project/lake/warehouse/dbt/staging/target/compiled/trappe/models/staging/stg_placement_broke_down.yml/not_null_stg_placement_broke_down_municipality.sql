
    
    



select municipality
from "staging"."main"."stg_placement_broke_down"
where municipality is null


