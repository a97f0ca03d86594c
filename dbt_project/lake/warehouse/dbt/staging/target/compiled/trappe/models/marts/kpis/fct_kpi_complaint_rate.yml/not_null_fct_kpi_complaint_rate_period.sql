
    
    



select period
from "staging"."main"."fct_kpi_complaint_rate"
where period is null


