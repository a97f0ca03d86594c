
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select move_label
from "staging"."main"."int_ladder_moves"
where move_label is null



  
  
      
    ) dbt_internal_test