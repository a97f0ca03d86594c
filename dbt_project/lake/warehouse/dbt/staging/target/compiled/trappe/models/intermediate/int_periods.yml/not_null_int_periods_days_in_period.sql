
    
    



select days_in_period
from "staging"."main"."int_periods"
where days_in_period is null


