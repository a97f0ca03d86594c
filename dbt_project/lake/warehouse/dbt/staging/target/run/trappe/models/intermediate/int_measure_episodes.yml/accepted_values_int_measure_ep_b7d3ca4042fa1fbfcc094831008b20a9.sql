
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        step as value_field,
        count(*) as n_records

    from "staging"."main"."int_measure_episodes"
    group by step

)

select *
from all_values
where value_field not in (
    0,1,2,3,4,5
)



  
  
      
    ) dbt_internal_test