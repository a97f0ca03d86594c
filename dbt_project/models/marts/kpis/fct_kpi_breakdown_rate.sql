-- breakdown_rate: placement.broke_down events in the period per 100 person-years placed ('all',
-- category): a rate per person-time, so a month, a half-year and a year of a constant placed
-- population read alike (docs/kpis.md, "Person-time"); it may exceed 100. A breakdown belongs to
-- the latest episode of its measure (same case and measure_id) that started on or before it: its
-- category and district, so numerator and denominator share one geography. Breakdowns matching
-- no placement episode count in 'all' under the case's district. Every period, geography and
-- breakdown has a row; the value is blank only where no one was placed.
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

breakdown_events as (

    select * from {{ ref('stg_placement_broke_down') }}

),

episodes as (

    select * from {{ ref('int_measure_episodes') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

child_years as (

    select * from {{ ref('int_child_years') }}

),

breakdowns as (

    select
        breakdown_events.event_id,
        breakdown_events.municipality,
        breakdown_events.case_id,
        breakdown_events.occurred_date,
        arg_max(episodes.placement_category, episodes.episode_start) as placement_category,
        arg_max(episodes.district, episodes.episode_start) as episode_district,
        arg_max(episodes.district_group, episodes.episode_start) as episode_district_group
    from breakdown_events
    left join episodes
        on breakdown_events.municipality = episodes.municipality
        and breakdown_events.case_id = episodes.case_id
        and breakdown_events.measure_id = episodes.measure_id
        and episodes.episode_start <= breakdown_events.occurred_date
    group by all

),

located as (

    select
        breakdowns.event_id,
        breakdowns.occurred_date,
        breakdowns.municipality,
        breakdowns.placement_category,
        coalesce(breakdowns.episode_district, assignment.district, 'unknown') as district,
        coalesce(breakdowns.episode_district_group, assignment.district_group, 'unmapped')
            as district_group
    from breakdowns
    {{ join_case_assignment('breakdowns', 'breakdowns.occurred_date') }}

),

in_periods as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        located.*
    from located
    inner join periods
        on {{ in_elapsed_period('located.occurred_date') }}

),

by_breakdown as (

    select
        *,
        'all' as breakdown
    from in_periods
    union all
    select
        *,
        placement_category as breakdown
    from in_periods
    where placement_category is not null

),

breakdown_counts as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(*) as breakdowns
    from by_breakdown
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

spine_breakdowns as (

    {{ spine_breakdowns('breakdown_rate') }}

),

spine as (

    {{ kpi_spine(breakdowns='spine_breakdowns') }}

)

-- person-years = placed days / days of the year, so the rate is taken from whole days
select
    {{ kpi_row('breakdown_rate', 'coalesce(breakdown_counts.breakdowns, 0)',
               'coalesce(child_years.person_years, 0)',
               value='case when child_years.placed_days > 0 then 100.0 * coalesce(breakdown_counts.breakdowns, 0) * child_years.days_in_year / child_years.placed_days end',
               relation='spine') }}
from spine
left join breakdown_counts
    using ({{ spine_keys() }})
left join child_years
    using ({{ spine_keys() }})
