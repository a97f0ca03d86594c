
    
    



select municipality
from "staging"."main"."stg_followup_held"
where municipality is null


