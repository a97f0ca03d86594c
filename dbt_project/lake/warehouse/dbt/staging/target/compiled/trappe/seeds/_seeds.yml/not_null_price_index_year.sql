
    
    



select year
from "staging"."main"."price_index"
where year is null


