
    
    



select district
from "staging"."main"."fct_kpi_complaint_rate"
where district is null


