
    
    



select district_group
from "staging"."main"."int_cases_open_in_period"
where district_group is null


