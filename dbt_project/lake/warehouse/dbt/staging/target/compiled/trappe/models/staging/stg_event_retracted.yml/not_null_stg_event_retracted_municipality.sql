
    
    



select municipality
from "staging"."main"."stg_event_retracted"
where municipality is null


