
    
    



select occurred_at
from "staging"."main"."stg_followup_held"
where occurred_at is null


