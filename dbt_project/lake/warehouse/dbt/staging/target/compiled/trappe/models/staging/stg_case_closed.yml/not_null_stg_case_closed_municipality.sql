
    
    



select municipality
from "staging"."main"."stg_case_closed"
where municipality is null


