
    
    



select breakdown
from "staging"."main"."fct_kpi_caseload"
where breakdown is null


