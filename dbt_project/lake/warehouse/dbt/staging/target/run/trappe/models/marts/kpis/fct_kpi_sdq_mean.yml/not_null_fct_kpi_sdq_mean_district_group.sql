
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select district_group
from "staging"."main"."fct_kpi_sdq_mean"
where district_group is null



  
  
      
    ) dbt_internal_test