
    
    



select occurred_date
from "staging"."main"."stg_case_closed"
where occurred_date is null


