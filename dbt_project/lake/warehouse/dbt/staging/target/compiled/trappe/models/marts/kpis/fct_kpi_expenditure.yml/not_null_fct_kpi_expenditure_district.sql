
    
    



select district
from "staging"."main"."fct_kpi_expenditure"
where district is null


