
    
    



select period_start
from "staging"."main"."fct_kpi_complaint_rate"
where period_start is null


