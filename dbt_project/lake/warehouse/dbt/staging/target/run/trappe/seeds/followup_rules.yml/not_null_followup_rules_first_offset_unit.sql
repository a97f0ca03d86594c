
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select first_offset_unit
from "staging"."main"."followup_rules"
where first_offset_unit is null



  
  
      
    ) dbt_internal_test