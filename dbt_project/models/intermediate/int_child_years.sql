-- Placed child-years per period, geography and breakdown ('all' placed, each placement category,
-- each placed measure type). Summed as whole days and divided once, so the numbers are exact and
-- the categories add up to 'all'. Geography is the district of the episode's start.
with placed_days as (

    select *
    from {{ ref('int_episode_period_days') }}
    where placement_category is not null

),

by_breakdown as (

    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, 'all' as breakdown, days_covered
    from placed_days
    union all
    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, placement_category as breakdown, days_covered
    from placed_days
    union all
    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, measure_type as breakdown, days_covered
    from placed_days

),

rolled_up as (

    select
        {{ kpi_keys() | join(', ') }},
        days_in_period,
        {{ geography_labels() }},
        sum(days_covered) as placed_days
    from by_breakdown
    group by {{ geography_grouping_sets(kpi_keys() + ['days_in_period']) }}

)

select
    *,
    1.0 * placed_days / days_in_period as child_years
from rolled_up
where placed_days > 0
