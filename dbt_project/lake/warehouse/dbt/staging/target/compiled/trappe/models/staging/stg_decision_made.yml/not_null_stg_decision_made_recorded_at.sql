
    
    



select recorded_at
from "staging"."main"."stg_decision_made"
where recorded_at is null


