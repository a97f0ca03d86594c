
    
    



select event_id
from "staging"."main"."int_ladder_moves"
where event_id is null


