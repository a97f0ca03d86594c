
    
    



select first_offset_value
from "staging"."main"."followup_rules"
where first_offset_value is null


