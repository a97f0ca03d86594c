
    
    



select kpi
from "staging"."main"."fct_kpi_cases_by_step"
where kpi is null


