
    
    



select event_id
from "staging"."main"."stg_complaint_resolved"
where event_id is null


