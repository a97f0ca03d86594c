
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select occurred_date
from "staging"."main"."stg_case_transferred"
where occurred_date is null



  
  
      
    ) dbt_internal_test