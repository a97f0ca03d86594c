
    
    



select district_group
from "staging"."main"."fct_kpi_caseload"
where district_group is null


