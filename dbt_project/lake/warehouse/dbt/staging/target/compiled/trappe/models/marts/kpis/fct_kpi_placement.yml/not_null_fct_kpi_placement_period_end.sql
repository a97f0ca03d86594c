
    
    



select period_end
from "staging"."main"."fct_kpi_placement"
where period_end is null


