
    
    



select district
from "staging"."main"."fct_kpi_placement"
where district is null


