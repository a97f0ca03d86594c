
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select dbt_invocation_id
from "staging"."main"."audit_build"
where dbt_invocation_id is null



  
  
      
    ) dbt_internal_test