
    
    



select label_da
from "staging"."main"."kpi_catalogue"
where label_da is null


