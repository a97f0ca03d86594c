
    
    



select step
from "staging"."main"."measure_types"
where step is null


