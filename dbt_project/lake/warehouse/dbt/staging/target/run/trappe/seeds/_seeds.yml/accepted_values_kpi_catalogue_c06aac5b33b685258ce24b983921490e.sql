
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        unit as value_field,
        count(*) as n_records

    from "staging"."main"."kpi_catalogue"
    group by unit

)

select *
from all_values
where value_field not in (
    'child-years','%','cases','moves','children','follow-ups per case','DKK','count','score'
)



  
  
      
    ) dbt_internal_test