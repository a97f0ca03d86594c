
    
    



select municipality
from "staging"."main"."stg_complaint_received"
where municipality is null


