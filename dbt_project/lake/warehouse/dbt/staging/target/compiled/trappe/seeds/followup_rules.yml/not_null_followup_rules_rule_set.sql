
    
    



select rule_set
from "staging"."main"."followup_rules"
where rule_set is null


