
    
    



select period
from "staging"."main"."int_periods"
where period is null


