
    
    



select case_id
from "staging"."main"."int_cases"
where case_id is null


