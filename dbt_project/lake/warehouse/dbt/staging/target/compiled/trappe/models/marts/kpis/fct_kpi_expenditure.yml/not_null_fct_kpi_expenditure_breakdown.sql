
    
    



select breakdown
from "staging"."main"."fct_kpi_expenditure"
where breakdown is null


