
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select district
from "staging"."main"."fct_kpi_ladder_moves"
where district is null



  
  
      
    ) dbt_internal_test