
    
    



select expenditure
from "staging"."main"."int_expenditure"
where expenditure is null


