
    
    



select period_start
from "staging"."main"."fct_kpi_ladder_moves"
where period_start is null


