
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        period_type as value_field,
        count(*) as n_records

    from "staging"."main"."fct_kpi_complaint_rate"
    group by period_type

)

select *
from all_values
where value_field not in (
    'year','half_year','month'
)



  
  
      
    ) dbt_internal_test