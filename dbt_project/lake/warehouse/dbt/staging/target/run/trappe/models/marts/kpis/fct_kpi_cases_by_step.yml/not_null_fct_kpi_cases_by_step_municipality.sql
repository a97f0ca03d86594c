
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select municipality
from "staging"."main"."fct_kpi_cases_by_step"
where municipality is null



  
  
      
    ) dbt_internal_test