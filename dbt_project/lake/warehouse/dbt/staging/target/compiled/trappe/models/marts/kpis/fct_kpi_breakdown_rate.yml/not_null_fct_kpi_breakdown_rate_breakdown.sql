
    
    



select breakdown
from "staging"."main"."fct_kpi_breakdown_rate"
where breakdown is null


