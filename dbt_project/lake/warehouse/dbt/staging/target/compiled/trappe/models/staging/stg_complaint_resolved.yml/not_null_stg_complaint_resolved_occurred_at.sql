
    
    



select occurred_at
from "staging"."main"."stg_complaint_resolved"
where occurred_at is null


