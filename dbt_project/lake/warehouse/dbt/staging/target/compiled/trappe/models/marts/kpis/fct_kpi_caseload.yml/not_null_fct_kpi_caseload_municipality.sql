
    
    



select municipality
from "staging"."main"."fct_kpi_caseload"
where municipality is null


