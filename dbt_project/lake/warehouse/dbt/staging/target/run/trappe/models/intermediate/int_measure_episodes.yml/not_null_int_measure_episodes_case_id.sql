
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select case_id
from "staging"."main"."int_measure_episodes"
where case_id is null



  
  
      
    ) dbt_internal_test