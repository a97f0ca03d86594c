
    
    



select period_end
from "staging"."main"."fct_kpi_notifications"
where period_end is null


