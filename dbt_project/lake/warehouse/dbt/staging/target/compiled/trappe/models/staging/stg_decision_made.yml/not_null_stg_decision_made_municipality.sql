
    
    



select municipality
from "staging"."main"."stg_decision_made"
where municipality is null


