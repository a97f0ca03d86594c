
    
    



select period
from "staging"."main"."fct_kpi_placement"
where period is null


