
    
    



select occurred_at
from "staging"."main"."stg_wellbeing_assessed"
where occurred_at is null


