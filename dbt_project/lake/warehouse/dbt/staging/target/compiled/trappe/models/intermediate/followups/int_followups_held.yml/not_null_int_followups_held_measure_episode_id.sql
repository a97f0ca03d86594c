
    
    



select measure_episode_id
from "staging"."main"."int_followups_held"
where measure_episode_id is null


