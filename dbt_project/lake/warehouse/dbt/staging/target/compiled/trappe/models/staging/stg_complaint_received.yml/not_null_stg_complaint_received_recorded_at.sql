
    
    



select recorded_at
from "staging"."main"."stg_complaint_received"
where recorded_at is null


