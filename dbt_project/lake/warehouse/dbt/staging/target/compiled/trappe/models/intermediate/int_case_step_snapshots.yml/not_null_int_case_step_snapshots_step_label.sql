
    
    



select step_label
from "staging"."main"."int_case_step_snapshots"
where step_label is null


