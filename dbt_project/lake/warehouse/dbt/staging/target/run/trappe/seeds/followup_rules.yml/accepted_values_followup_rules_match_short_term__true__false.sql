
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        match_short_term as value_field,
        count(*) as n_records

    from "staging"."main"."followup_rules"
    group by match_short_term

)

select *
from all_values
where value_field not in (
    'true','false'
)



  
  
      
    ) dbt_internal_test