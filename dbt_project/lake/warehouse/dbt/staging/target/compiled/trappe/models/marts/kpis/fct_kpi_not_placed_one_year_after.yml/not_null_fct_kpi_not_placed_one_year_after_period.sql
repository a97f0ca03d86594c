
    
    



select period
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where period is null


