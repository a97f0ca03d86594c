
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select measure_episode_id
from "staging"."main"."int_followups_held"
where measure_episode_id is null



  
  
      
    ) dbt_internal_test