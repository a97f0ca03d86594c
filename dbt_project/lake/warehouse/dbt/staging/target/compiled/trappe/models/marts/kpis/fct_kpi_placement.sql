-- placed_child_years ('all', category, measure_type) and placement_share (category,
-- measure_type: child-years of the breakdown as % of all placed child-years, same geography).
with child_years as (

    select * from "staging"."main"."int_child_years"

),

placed as (

    select * from child_years where breakdown = 'all'

),

placed_child_years as (

    select
        'placed_child_years' as kpi,
        period, period_type, period_start, period_end,
        municipality, district_group, district, breakdown,
        child_years as numerator,
        cast(null as double) as denominator,
        child_years as value
    from child_years

),

placement_share as (

    select
        'placement_share' as kpi,
        share.period, share.period_type, share.period_start, share.period_end,
        share.municipality, share.district_group, share.district, share.breakdown,
        share.child_years as numerator,
        placed.child_years as denominator,
        cast(case when placed.placed_days > 0 then 100.0 * share.placed_days / placed.placed_days end as double) as value
    from child_years as share
    inner join placed
        on share.period = placed.period
        and share.municipality = placed.municipality
        and share.district_group = placed.district_group
        and share.district = placed.district
    where share.breakdown != 'all'

)

select * from placed_child_years
union all
select * from placement_share