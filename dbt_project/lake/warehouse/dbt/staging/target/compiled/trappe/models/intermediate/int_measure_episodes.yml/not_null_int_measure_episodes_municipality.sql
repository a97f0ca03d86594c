
    
    



select municipality
from "staging"."main"."int_measure_episodes"
where municipality is null


