
    
    



select kpi
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where kpi is null


