
    
    



select kpi
from "staging"."main"."fct_kpi_complaint_rate"
where kpi is null


