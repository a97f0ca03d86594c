
    
    



select recorded_at
from "staging"."main"."stg_case_closed"
where recorded_at is null


