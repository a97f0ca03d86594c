
    
    



select first_offset_unit
from "staging"."main"."followup_rules"
where first_offset_unit is null


