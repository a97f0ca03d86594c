
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select interval_unit
from "staging"."main"."followup_rules"
where interval_unit is null



  
  
      
    ) dbt_internal_test