
    
    



select recorded_at
from "staging"."main"."stg_followup_held"
where recorded_at is null


