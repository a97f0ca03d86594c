
    
    



select municipality
from "staging"."main"."int_ladder_moves"
where municipality is null


