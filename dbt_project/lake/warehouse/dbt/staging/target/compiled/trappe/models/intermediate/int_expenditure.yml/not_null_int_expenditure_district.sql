
    
    



select district
from "staging"."main"."int_expenditure"
where district is null


