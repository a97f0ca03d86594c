
    
    



select municipality
from "staging"."main"."stg_wellbeing_assessed"
where municipality is null


