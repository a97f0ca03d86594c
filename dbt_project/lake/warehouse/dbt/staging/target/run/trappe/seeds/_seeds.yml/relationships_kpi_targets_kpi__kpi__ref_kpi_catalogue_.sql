
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with child as (
    select kpi as from_field
    from "staging"."main"."kpi_targets"
    where kpi is not null
),

parent as (
    select kpi as to_field
    from "staging"."main"."kpi_catalogue"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null



  
  
      
    ) dbt_internal_test