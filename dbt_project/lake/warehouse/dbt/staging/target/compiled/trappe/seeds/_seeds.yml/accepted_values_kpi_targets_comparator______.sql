
    
    

with all_values as (

    select
        comparator as value_field,
        count(*) as n_records

    from "staging"."main"."kpi_targets"
    group by comparator

)

select *
from all_values
where value_field not in (
    '<=','>='
)


