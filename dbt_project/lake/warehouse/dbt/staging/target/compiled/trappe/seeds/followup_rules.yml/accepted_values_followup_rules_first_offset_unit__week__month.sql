
    
    

with all_values as (

    select
        first_offset_unit as value_field,
        count(*) as n_records

    from "staging"."main"."followup_rules"
    group by first_offset_unit

)

select *
from all_values
where value_field not in (
    'week','month'
)


