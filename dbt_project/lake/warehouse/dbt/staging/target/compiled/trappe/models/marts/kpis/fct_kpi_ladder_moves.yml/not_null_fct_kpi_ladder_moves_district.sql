
    
    



select district
from "staging"."main"."fct_kpi_ladder_moves"
where district is null


