
    
    



select period
from "staging"."main"."dim_periods"
where period is null


