
    
    



select occurred_at
from "staging"."main"."stg_case_closed"
where occurred_at is null


