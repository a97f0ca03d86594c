
    
    



select occurred_date
from "staging"."main"."stg_complaint_received"
where occurred_date is null


