
    
    



select municipality
from "staging"."main"."stg_case_opened"
where municipality is null


