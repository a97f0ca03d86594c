
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select days_in_period
from "staging"."main"."int_periods"
where days_in_period is null



  
  
      
    ) dbt_internal_test