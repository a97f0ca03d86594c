
    
    



select kpi
from "staging"."main"."fct_kpi_breakdown_rate"
where kpi is null


