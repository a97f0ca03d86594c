
    
    



select occurred_date
from "staging"."main"."stg_complaint_resolved"
where occurred_date is null


