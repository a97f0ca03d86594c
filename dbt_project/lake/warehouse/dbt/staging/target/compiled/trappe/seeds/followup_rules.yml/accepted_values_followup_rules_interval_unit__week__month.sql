
    
    

with all_values as (

    select
        interval_unit as value_field,
        count(*) as n_records

    from "staging"."main"."followup_rules"
    group by interval_unit

)

select *
from all_values
where value_field not in (
    'week','month'
)


