
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select rule_set
from "staging"."main"."followup_rules"
where rule_set is null



  
  
      
    ) dbt_internal_test