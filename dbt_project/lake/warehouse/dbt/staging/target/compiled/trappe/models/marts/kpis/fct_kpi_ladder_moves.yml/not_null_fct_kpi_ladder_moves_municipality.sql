
    
    



select municipality
from "staging"."main"."fct_kpi_ladder_moves"
where municipality is null


