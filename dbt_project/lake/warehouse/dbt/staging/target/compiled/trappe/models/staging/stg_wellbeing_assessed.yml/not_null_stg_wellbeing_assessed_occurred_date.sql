
    
    



select occurred_date
from "staging"."main"."stg_wellbeing_assessed"
where occurred_date is null


