
    
    

with all_values as (

    select
        step_label as value_field,
        count(*) as n_records

    from "staging"."main"."int_case_step_snapshots"
    group by step_label

)

select *
from all_values
where value_field not in (
    '0','1','2','3','4','5','assessment','none'
)


