
    
    



select priority
from "staging"."main"."followup_rules"
where priority is null


