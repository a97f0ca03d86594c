
    
    



select interval_unit
from "staging"."main"."followup_rules"
where interval_unit is null


