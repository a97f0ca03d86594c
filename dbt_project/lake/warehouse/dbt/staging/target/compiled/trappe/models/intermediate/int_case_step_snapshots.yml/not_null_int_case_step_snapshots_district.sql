
    
    



select district
from "staging"."main"."int_case_step_snapshots"
where district is null


