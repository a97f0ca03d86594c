
    
    



select district_group
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where district_group is null


