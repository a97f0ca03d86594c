
    
    



select municipality
from "staging"."main"."int_expenditure"
where municipality is null


