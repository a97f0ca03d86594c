
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    measure_type as unique_field,
    count(*) as n_records

from "staging"."main"."measure_types"
where measure_type is not null
group by measure_type
having count(*) > 1



  
  
      
    ) dbt_internal_test