
    
    



select case_id
from "staging"."main"."int_case_assignments"
where case_id is null


