
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select municipality
from "staging"."main"."stg_ladder_moved"
where municipality is null



  
  
      
    ) dbt_internal_test