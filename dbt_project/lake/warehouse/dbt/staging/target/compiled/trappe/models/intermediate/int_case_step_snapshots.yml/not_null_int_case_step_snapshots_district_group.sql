
    
    



select district_group
from "staging"."main"."int_case_step_snapshots"
where district_group is null


