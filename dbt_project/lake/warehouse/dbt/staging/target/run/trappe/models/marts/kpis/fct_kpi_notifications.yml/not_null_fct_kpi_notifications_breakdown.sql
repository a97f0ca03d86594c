
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select breakdown
from "staging"."main"."fct_kpi_notifications"
where breakdown is null



  
  
      
    ) dbt_internal_test