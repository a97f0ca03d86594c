
    
    



select kpi
from "staging"."main"."kpi_catalogue"
where kpi is null


