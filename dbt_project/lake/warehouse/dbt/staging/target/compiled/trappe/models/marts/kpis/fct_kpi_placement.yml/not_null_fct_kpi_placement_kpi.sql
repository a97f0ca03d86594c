
    
    



select kpi
from "staging"."main"."fct_kpi_placement"
where kpi is null


