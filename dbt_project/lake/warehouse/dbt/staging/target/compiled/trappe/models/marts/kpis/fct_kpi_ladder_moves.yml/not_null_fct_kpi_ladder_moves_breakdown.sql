
    
    



select breakdown
from "staging"."main"."fct_kpi_ladder_moves"
where breakdown is null


