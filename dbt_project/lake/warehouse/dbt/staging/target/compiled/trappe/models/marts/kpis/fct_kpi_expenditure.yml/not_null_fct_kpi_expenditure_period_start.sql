
    
    



select period_start
from "staging"."main"."fct_kpi_expenditure"
where period_start is null


