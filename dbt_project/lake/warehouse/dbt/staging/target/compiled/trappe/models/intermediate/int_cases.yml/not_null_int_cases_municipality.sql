
    
    



select municipality
from "staging"."main"."int_cases"
where municipality is null


