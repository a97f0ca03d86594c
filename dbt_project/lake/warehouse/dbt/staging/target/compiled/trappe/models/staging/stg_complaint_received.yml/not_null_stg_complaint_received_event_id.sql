
    
    



select event_id
from "staging"."main"."stg_complaint_received"
where event_id is null


