
    
    



select occurred_date
from "staging"."main"."stg_decision_made"
where occurred_date is null


