-- Placed person-time per period, geography and breakdown ('all' placed, each placement category,
-- each placed measure type), summed as whole days and divided once, so the numbers are exact and
-- the categories add up to 'all' (docs/kpis.md, "Person-time"):
-- * child_years (årsbørn): the average number of children placed, days / the period's elapsed
--   days, so a year, its half-years and its months read alike, and an incomplete period
--   averages over its days up to T's date;
-- * person_years: days / the days of the calendar year, the denominator of rates per child-year
--   and unit costs, which then mean the same for a month, a half-year and a year (for a full
--   year the two are equal).
-- Geography is the district of the episode's start. Only person-time that exists has a row.
with placed_days as (

    select *
    from {{ ref('int_episode_period_days') }}
    where placement_category is not null

),

by_breakdown as (

    select
        period,
        period_type,
        period_start,
        period_end,
        period_complete,
        elapsed_days,
        days_in_year,
        municipality,
        district_group,
        district,
        'all' as breakdown,
        days_covered
    from placed_days
    union all
    select
        period,
        period_type,
        period_start,
        period_end,
        period_complete,
        elapsed_days,
        days_in_year,
        municipality,
        district_group,
        district,
        placement_category as breakdown,
        days_covered
    from placed_days
    union all
    select
        period,
        period_type,
        period_start,
        period_end,
        period_complete,
        elapsed_days,
        days_in_year,
        municipality,
        district_group,
        district,
        measure_type as breakdown,
        days_covered
    from placed_days

),

rolled_up as (

    select
        {{ kpi_keys() | join(', ') }},
        elapsed_days,
        days_in_year,
        {{ geography_labels() }},
        sum(days_covered) as placed_days
    from by_breakdown
    group by {{ geography_grouping_sets(kpi_keys() + ['elapsed_days', 'days_in_year']) }}

)

select
    *,
    1.0 * placed_days / elapsed_days as child_years,
    1.0 * placed_days / days_in_year as person_years
from rolled_up
where placed_days > 0
