
    
    



select municipality
from "staging"."main"."int_case_assignments"
where municipality is null


