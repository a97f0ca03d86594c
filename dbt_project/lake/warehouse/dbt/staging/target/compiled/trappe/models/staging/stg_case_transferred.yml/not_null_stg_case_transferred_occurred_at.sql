
    
    



select occurred_at
from "staging"."main"."stg_case_transferred"
where occurred_at is null


