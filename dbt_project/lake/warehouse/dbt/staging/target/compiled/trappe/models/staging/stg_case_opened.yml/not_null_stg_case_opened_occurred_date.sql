
    
    



select occurred_date
from "staging"."main"."stg_case_opened"
where occurred_date is null


