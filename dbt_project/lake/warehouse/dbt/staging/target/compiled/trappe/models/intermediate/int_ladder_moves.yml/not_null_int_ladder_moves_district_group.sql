
    
    



select district_group
from "staging"."main"."int_ladder_moves"
where district_group is null


