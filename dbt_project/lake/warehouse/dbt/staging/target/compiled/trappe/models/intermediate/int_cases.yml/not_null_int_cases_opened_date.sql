
    
    



select opened_date
from "staging"."main"."int_cases"
where opened_date is null


