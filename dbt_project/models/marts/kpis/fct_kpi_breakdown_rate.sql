-- breakdown_rate: placement.broke_down events in the period per 100 placed child-years ('all',
-- category). A breakdown belongs to the latest episode of its measure (same case and
-- measure_id) that started on or before it: its category and district, so numerator and
-- denominator share one geography. Breakdowns matching no placement episode count in 'all'
-- under the case's district. Rows exist where there are placed child-years.
with breakdowns as (

    select
        breakdowns.event_id,
        breakdowns.municipality,
        breakdowns.case_id,
        breakdowns.occurred_date,
        arg_max(episodes.placement_category, episodes.episode_start) as placement_category,
        arg_max(episodes.district, episodes.episode_start) as episode_district,
        arg_max(episodes.district_group, episodes.episode_start) as episode_district_group
    from {{ ref('stg_placement_broke_down') }} as breakdowns
    left join {{ ref('int_measure_episodes') }} as episodes
        on breakdowns.municipality = episodes.municipality
        and breakdowns.case_id = episodes.case_id
        and breakdowns.measure_id = episodes.measure_id
        and episodes.episode_start <= breakdowns.occurred_date
    group by all

),

located as (

    select
        breakdowns.event_id,
        breakdowns.occurred_date,
        breakdowns.municipality,
        breakdowns.placement_category,
        coalesce(breakdowns.episode_district, assignment.district, 'unknown') as district,
        coalesce(breakdowns.episode_district_group, assignment.district_group, 'unmapped') as district_group
    from breakdowns
    {{ join_case_assignment('breakdowns', 'breakdowns.occurred_date') }}

),

in_periods as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end, located.*
    from located
    {{ join_periods_containing('located.occurred_date') }}

),

by_breakdown as (

    select *, 'all' as breakdown from in_periods
    union all
    select *, placement_category as breakdown from in_periods
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

placed as (

    select * from {{ ref('int_child_years') }}
    where breakdown = 'all'
        or breakdown in (select placement_category from {{ ref('measure_types') }})

)

select
    {{ kpi_row('breakdown_rate', 'coalesce(breakdown_counts.breakdowns, 0)', 'placed.child_years',
               rate='percent', relation='placed') }}
from placed
left join breakdown_counts
    using (period, municipality, district_group, district, breakdown)
