
    
    



select interval_value
from "staging"."main"."followup_rules"
where interval_value is null


