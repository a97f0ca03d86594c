
    
    



select assignment_event_id
from "staging"."main"."int_case_assignments"
where assignment_event_id is null


