
    
    



select municipality
from "staging"."main"."fct_kpi_expenditure"
where municipality is null


