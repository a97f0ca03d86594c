
    
    



select recorded_at
from "staging"."main"."stg_cost_booked"
where recorded_at is null


