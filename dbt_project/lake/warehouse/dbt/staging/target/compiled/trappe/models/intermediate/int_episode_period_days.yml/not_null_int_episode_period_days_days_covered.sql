
    
    



select days_covered
from "staging"."main"."int_episode_period_days"
where days_covered is null


