
    
    



select period
from "staging"."main"."fct_kpi_ladder_moves"
where period is null


