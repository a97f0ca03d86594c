
    
    



select rule_name
from "staging"."main"."followup_rules"
where rule_name is null


