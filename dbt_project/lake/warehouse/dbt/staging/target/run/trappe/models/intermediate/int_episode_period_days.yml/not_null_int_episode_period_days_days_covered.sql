
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select days_covered
from "staging"."main"."int_episode_period_days"
where days_covered is null



  
  
      
    ) dbt_internal_test