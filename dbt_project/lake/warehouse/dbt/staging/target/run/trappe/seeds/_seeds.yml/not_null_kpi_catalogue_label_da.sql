
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select label_da
from "staging"."main"."kpi_catalogue"
where label_da is null



  
  
      
    ) dbt_internal_test