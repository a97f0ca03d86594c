
    
    



select occurred_at
from "staging"."main"."stg_complaint_received"
where occurred_at is null


