-- placed_child_years ('all', category, placed measure type): child-years placed, the average
-- number of children placed over the period's elapsed days (int_child_years).
-- placement_share (category, placed measure type): days of the breakdown as % of all placed days,
-- same geography; no value where nothing was placed. Both on their full spine: every period,
-- geography and breakdown, 0 where nothing happened.
with periods as (

    select * from {{ ref('int_periods') }}

),

geographies as (

    select
        municipality,
        district_group,
        district
    from {{ ref('int_geographies') }}

),

kpi_breakdowns as (

    select
        kpi,
        breakdown
    from {{ ref('kpi_breakdowns') }}

),

measure_types as (

    select
        measure_type,
        placement_category
    from {{ ref('measure_types') }}

),

child_years as (

    select * from {{ ref('int_child_years') }}

),

placed_measure_types as (

    select measure_type as breakdown from measure_types
    where placement_category is not null

),

child_years_breakdowns as (

    {{ spine_breakdowns('placed_child_years', observed='placed_measure_types') }}

),

share_breakdowns as (

    {{ spine_breakdowns('placement_share', observed='placed_measure_types') }}

),

child_years_spine as (

    {{ kpi_spine(breakdowns='child_years_breakdowns') }}

),

share_spine as (

    {{ kpi_spine(breakdowns='share_breakdowns') }}

),

placed as (

    select * from child_years
    where breakdown = 'all'

),

placed_child_years as (

    select
        {{ kpi_row(
            'placed_child_years', 'coalesce(child_years.child_years, 0)', relation='spine',
        ) }}
    from child_years_spine as spine
    left join child_years
        using ({{ spine_keys() }})

),

placement_share as (

    select
        {{ kpi_row(
            'placement_share', 'coalesce(share.child_years, 0)', 'coalesce(placed.child_years, 0)',
            value=percent('coalesce(share.placed_days, 0)', 'placed.placed_days'), relation='spine',
        ) }}
    from share_spine as spine
    left join child_years as share
        using ({{ spine_keys() }})
    left join placed
        on spine.period = placed.period
        and spine.municipality = placed.municipality
        and spine.district_group = placed.district_group
        and spine.district = placed.district

)

select * from placed_child_years
union all
select * from placement_share
