
    
    



select period_end
from "staging"."main"."fct_kpi_ladder_moves"
where period_end is null


