
    
    



select kpi
from "staging"."main"."fct_kpi_ladder_moves"
where kpi is null


