
    
    



select district
from "staging"."main"."int_ladder_moves"
where district is null


