
    
    



select district
from "staging"."main"."fct_kpi_caseload"
where district is null


