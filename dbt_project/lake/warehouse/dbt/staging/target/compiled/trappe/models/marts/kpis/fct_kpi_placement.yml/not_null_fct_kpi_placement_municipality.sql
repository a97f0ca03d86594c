
    
    



select municipality
from "staging"."main"."fct_kpi_placement"
where municipality is null


