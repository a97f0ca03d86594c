
    
    



select municipality
from "staging"."main"."dim_districts"
where municipality is null


