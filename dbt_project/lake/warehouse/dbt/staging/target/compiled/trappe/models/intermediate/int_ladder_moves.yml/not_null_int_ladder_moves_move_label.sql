
    
    



select move_label
from "staging"."main"."int_ladder_moves"
where move_label is null


