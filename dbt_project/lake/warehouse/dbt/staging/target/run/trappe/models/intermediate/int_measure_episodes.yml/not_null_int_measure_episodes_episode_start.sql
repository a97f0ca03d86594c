
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select episode_start
from "staging"."main"."int_measure_episodes"
where episode_start is null



  
  
      
    ) dbt_internal_test