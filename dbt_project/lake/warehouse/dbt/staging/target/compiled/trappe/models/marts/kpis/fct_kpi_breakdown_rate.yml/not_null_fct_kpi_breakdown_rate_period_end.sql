
    
    



select period_end
from "staging"."main"."fct_kpi_breakdown_rate"
where period_end is null


