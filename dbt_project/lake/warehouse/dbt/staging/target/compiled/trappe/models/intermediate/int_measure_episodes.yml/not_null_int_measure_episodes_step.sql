
    
    



select step
from "staging"."main"."int_measure_episodes"
where step is null


