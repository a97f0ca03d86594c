
    
    



select municipality
from "staging"."main"."fct_kpi_complaint_rate"
where municipality is null


