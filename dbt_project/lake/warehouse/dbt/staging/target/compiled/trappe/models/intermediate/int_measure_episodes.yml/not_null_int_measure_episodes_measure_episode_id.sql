
    
    



select measure_episode_id
from "staging"."main"."int_measure_episodes"
where measure_episode_id is null


