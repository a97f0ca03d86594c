
    
    



select period_start
from "staging"."main"."fct_kpi_caseload"
where period_start is null


