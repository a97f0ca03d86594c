
    
    



select kpi
from "staging"."main"."fct_kpi_expenditure"
where kpi is null


