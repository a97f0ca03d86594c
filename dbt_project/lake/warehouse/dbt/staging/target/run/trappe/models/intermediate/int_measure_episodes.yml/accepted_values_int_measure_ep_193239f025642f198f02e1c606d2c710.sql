
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        placement_category as value_field,
        count(*) as n_records

    from "staging"."main"."int_measure_episodes"
    group by placement_category

)

select *
from all_values
where value_field not in (
    'institution','family_foster_care','home_based_placement'
)



  
  
      
    ) dbt_internal_test