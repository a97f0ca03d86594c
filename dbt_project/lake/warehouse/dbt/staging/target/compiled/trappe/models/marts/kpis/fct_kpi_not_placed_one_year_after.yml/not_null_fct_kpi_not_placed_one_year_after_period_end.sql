
    
    



select period_end
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where period_end is null


