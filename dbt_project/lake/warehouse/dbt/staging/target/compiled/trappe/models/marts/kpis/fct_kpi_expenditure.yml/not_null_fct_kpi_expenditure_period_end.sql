
    
    



select period_end
from "staging"."main"."fct_kpi_expenditure"
where period_end is null


