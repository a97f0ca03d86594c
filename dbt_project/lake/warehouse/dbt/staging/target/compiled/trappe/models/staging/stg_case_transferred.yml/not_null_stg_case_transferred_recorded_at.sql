
    
    



select recorded_at
from "staging"."main"."stg_case_transferred"
where recorded_at is null


