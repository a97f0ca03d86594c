
    
    



select occurred_at
from "staging"."main"."stg_cost_booked"
where occurred_at is null


