
    
    



select district
from "staging"."main"."int_cases_open_in_period"
where district is null


