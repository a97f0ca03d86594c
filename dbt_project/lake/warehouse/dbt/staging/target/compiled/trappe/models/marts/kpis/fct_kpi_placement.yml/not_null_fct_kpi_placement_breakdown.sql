
    
    



select breakdown
from "staging"."main"."fct_kpi_placement"
where breakdown is null


