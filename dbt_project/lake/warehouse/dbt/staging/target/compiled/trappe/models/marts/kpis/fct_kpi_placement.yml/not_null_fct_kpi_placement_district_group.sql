
    
    



select district_group
from "staging"."main"."fct_kpi_placement"
where district_group is null


