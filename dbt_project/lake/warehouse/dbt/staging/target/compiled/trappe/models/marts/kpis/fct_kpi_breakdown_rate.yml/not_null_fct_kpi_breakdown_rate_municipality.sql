
    
    



select municipality
from "staging"."main"."fct_kpi_breakdown_rate"
where municipality is null


