
    
    

with all_values as (

    select
        after_one_year_interval_unit as value_field,
        count(*) as n_records

    from "staging"."main"."followup_rules"
    group by after_one_year_interval_unit

)

select *
from all_values
where value_field not in (
    'week','month'
)


