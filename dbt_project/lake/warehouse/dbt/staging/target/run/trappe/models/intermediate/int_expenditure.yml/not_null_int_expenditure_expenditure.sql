
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select expenditure
from "staging"."main"."int_expenditure"
where expenditure is null



  
  
      
    ) dbt_internal_test