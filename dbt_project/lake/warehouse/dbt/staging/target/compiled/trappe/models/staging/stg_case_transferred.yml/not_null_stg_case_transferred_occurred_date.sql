
    
    



select occurred_date
from "staging"."main"."stg_case_transferred"
where occurred_date is null


