
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select opened_date
from "staging"."main"."int_cases"
where opened_date is null



  
  
      
    ) dbt_internal_test