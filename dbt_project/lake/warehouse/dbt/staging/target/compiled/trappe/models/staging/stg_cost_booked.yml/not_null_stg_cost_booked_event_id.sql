
    
    



select event_id
from "staging"."main"."stg_cost_booked"
where event_id is null


