-- placed_child_years ('all', category, measure_type) and placement_share (category,
-- measure_type: child-years of the breakdown as % of all placed child-years, same geography).
with child_years as (

    select * from {{ ref('int_child_years') }}

),

placed as (

    select * from child_years where breakdown = 'all'

),

placed_child_years as (

    select {{ kpi_row('placed_child_years', 'child_years') }}
    from child_years

),

placement_share as (

    select
        {{ kpi_row('placement_share', 'share.child_years', 'placed.child_years',
                   value=percent('share.placed_days', 'placed.placed_days'), relation='share') }}
    from child_years as share
    inner join placed
        using (period, municipality, district_group, district)
    where share.breakdown != 'all'

)

select * from placed_child_years
union all
select * from placement_share
