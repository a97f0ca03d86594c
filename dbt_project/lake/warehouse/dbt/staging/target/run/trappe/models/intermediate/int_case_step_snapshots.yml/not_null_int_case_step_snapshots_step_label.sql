
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select step_label
from "staging"."main"."int_case_step_snapshots"
where step_label is null



  
  
      
    ) dbt_internal_test