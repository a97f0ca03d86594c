
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    period as unique_field,
    count(*) as n_records

from "staging"."main"."int_periods"
where period is not null
group by period
having count(*) > 1



  
  
      
    ) dbt_internal_test