
    
    



select case_id
from "staging"."main"."int_measure_episodes"
where case_id is null


