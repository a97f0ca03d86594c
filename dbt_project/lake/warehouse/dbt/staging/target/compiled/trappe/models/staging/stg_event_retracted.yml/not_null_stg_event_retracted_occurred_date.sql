
    
    



select occurred_date
from "staging"."main"."stg_event_retracted"
where occurred_date is null


