
    
    



select occurred_date
from "staging"."main"."stg_followup_held"
where occurred_date is null


