
    
    



select period
from "staging"."main"."fct_kpi_caseload"
where period is null


