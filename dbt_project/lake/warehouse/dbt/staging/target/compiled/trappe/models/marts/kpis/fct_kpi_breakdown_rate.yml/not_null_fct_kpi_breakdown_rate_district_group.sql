
    
    



select district_group
from "staging"."main"."fct_kpi_breakdown_rate"
where district_group is null


