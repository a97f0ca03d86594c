
    
    



select period
from "staging"."main"."fct_kpi_expenditure"
where period is null


