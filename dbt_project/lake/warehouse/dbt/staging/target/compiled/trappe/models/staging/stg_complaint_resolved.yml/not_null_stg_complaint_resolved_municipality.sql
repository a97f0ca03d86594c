
    
    



select municipality
from "staging"."main"."stg_complaint_resolved"
where municipality is null


