
    
    

with all_values as (

    select
        event_type as value_field,
        count(*) as n_records

    from "staging"."main"."stg_placement_broke_down"
    group by event_type

)

select *
from all_values
where value_field not in (
    'placement.broke_down'
)


