
    
    



select municipality
from "staging"."main"."int_child_years"
where municipality is null


