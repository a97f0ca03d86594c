
    
    



select recorded_at
from "staging"."main"."stg_complaint_resolved"
where recorded_at is null


