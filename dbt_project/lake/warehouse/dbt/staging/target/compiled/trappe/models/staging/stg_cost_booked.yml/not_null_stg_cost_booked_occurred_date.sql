
    
    



select occurred_date
from "staging"."main"."stg_cost_booked"
where occurred_date is null


