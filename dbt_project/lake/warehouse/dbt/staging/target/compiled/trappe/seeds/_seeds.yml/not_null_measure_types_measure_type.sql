
    
    



select measure_type
from "staging"."main"."measure_types"
where measure_type is null


