
    
    



select net_price_index
from "staging"."main"."price_index"
where net_price_index is null


