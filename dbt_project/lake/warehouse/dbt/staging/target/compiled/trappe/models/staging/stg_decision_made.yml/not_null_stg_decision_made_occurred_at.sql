
    
    



select occurred_at
from "staging"."main"."stg_decision_made"
where occurred_at is null


