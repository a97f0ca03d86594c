
    
    



select district_group
from "staging"."main"."int_expenditure"
where district_group is null


