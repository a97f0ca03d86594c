
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select net_price_index
from "staging"."main"."price_index"
where net_price_index is null



  
  
      
    ) dbt_internal_test