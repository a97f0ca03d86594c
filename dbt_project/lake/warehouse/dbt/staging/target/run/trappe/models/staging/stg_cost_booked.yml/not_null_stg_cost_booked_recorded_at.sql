
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select recorded_at
from "staging"."main"."stg_cost_booked"
where recorded_at is null



  
  
      
    ) dbt_internal_test