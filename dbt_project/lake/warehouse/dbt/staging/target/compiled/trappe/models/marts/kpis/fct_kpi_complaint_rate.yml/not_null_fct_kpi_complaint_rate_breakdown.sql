
    
    



select breakdown
from "staging"."main"."fct_kpi_complaint_rate"
where breakdown is null


