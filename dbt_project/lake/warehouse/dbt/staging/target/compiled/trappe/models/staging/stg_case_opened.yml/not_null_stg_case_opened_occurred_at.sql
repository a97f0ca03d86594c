
    
    



select occurred_at
from "staging"."main"."stg_case_opened"
where occurred_at is null


