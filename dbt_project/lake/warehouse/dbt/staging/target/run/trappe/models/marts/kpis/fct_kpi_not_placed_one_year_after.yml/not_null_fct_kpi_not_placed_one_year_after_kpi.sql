
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select kpi
from "staging"."main"."fct_kpi_not_placed_one_year_after"
where kpi is null



  
  
      
    ) dbt_internal_test