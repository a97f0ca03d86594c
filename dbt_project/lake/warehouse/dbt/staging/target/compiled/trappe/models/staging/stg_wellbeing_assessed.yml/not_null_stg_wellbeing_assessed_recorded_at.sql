
    
    



select recorded_at
from "staging"."main"."stg_wellbeing_assessed"
where recorded_at is null


