
    
    



select period_end
from "staging"."main"."fct_kpi_caseload"
where period_end is null


