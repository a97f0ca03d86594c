
    
    



select district_group
from "staging"."main"."int_child_years"
where district_group is null


