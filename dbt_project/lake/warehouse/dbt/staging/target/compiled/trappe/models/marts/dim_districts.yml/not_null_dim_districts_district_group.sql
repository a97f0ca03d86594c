
    
    



select district_group
from "staging"."main"."dim_districts"
where district_group is null


