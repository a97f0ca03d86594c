
    
    



select municipality
from "staging"."main"."int_cases_open_in_period"
where municipality is null


