
    
    



select municipality
from "staging"."main"."stg_ladder_moved"
where municipality is null


