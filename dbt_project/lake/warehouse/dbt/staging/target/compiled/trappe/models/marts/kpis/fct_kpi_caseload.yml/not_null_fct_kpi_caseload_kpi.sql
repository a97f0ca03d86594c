
    
    



select kpi
from "staging"."main"."fct_kpi_caseload"
where kpi is null


