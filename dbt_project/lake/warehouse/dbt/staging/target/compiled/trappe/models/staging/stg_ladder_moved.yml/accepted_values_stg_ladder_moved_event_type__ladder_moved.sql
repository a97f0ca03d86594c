
    
    

with all_values as (

    select
        event_type as value_field,
        count(*) as n_records

    from "staging"."main"."stg_ladder_moved"
    group by event_type

)

select *
from all_values
where value_field not in (
    'ladder.moved'
)


