
    
    



select episode_start
from "staging"."main"."int_measure_episodes"
where episode_start is null


