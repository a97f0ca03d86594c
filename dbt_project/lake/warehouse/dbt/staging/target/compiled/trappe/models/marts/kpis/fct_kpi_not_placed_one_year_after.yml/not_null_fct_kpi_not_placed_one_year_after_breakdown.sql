
    
    



select breakdown
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where breakdown is null


