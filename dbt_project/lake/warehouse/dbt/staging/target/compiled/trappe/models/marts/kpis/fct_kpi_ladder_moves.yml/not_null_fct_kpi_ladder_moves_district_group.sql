
    
    



select district_group
from "staging"."main"."fct_kpi_ladder_moves"
where district_group is null


