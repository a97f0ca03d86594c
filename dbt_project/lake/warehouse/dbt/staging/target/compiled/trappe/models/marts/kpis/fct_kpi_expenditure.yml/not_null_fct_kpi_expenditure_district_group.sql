
    
    



select district_group
from "staging"."main"."fct_kpi_expenditure"
where district_group is null


