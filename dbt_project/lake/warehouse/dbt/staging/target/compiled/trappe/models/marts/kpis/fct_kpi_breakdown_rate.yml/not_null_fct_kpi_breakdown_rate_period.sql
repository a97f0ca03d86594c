
    
    



select period
from "staging"."main"."fct_kpi_breakdown_rate"
where period is null


