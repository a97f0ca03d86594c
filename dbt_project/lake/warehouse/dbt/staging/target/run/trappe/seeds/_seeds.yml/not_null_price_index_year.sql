
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select year
from "staging"."main"."price_index"
where year is null



  
  
      
    ) dbt_internal_test