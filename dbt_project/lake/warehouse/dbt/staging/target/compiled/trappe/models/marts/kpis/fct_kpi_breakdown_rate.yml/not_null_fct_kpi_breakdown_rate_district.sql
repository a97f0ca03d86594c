
    
    



select district
from "staging"."main"."fct_kpi_breakdown_rate"
where district is null


