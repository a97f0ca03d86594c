
    
    



select recorded_at
from "staging"."main"."stg_case_opened"
where recorded_at is null


