
    
    



select district
from "staging"."main"."int_child_years"
where district is null


