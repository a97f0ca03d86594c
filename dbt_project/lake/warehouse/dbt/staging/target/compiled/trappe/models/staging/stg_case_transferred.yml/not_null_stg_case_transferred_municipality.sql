
    
    



select municipality
from "staging"."main"."stg_case_transferred"
where municipality is null


