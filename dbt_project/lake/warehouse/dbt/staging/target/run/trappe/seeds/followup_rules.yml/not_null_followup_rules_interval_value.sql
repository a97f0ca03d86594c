
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select interval_value
from "staging"."main"."followup_rules"
where interval_value is null



  
  
      
    ) dbt_internal_test