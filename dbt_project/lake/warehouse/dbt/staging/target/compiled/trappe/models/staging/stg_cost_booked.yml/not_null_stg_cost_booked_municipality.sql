
    
    



select municipality
from "staging"."main"."stg_cost_booked"
where municipality is null


