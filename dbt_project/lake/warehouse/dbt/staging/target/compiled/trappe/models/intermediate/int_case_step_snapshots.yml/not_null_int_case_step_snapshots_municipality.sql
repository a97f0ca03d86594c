
    
    



select municipality
from "staging"."main"."int_case_step_snapshots"
where municipality is null


