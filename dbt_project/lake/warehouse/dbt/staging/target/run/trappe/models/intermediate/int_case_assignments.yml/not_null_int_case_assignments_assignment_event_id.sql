
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select assignment_event_id
from "staging"."main"."int_case_assignments"
where assignment_event_id is null



  
  
      
    ) dbt_internal_test