
    
    



select period_start
from "staging"."main"."int_periods"
where period_start is null


