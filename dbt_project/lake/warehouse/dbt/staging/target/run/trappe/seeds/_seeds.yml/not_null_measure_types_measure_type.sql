
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select measure_type
from "staging"."main"."measure_types"
where measure_type is null



  
  
      
    ) dbt_internal_test