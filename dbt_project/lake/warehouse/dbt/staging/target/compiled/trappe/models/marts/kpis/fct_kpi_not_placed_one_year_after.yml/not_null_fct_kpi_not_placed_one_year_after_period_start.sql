
    
    



select period_start
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where period_start is null


