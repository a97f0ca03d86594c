
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select district
from "staging"."main"."int_cases_open_in_period"
where district is null



  
  
      
    ) dbt_internal_test