
    
    



select period_end
from "staging"."main"."int_periods"
where period_end is null


