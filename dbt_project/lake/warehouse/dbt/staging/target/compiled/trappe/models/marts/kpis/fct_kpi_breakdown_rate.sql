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
    from "staging"."main"."stg_placement_broke_down" as breakdowns
    left join "staging"."main"."int_measure_episodes" as episodes
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
    left join "staging"."main"."int_case_assignments" as assignment
    on breakdowns.municipality = assignment.municipality
    and breakdowns.case_id = assignment.case_id
    and breakdowns.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or breakdowns.occurred_date < assignment.valid_to)

),

by_breakdown as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        located.municipality, located.district_group, located.district, 'all' as breakdown, located.event_id
    from located
    inner join "staging"."main"."int_periods" as periods
        on located.occurred_date between periods.period_start and periods.period_end
    union all
    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        located.municipality, located.district_group, located.district, located.placement_category, located.event_id
    from located
    inner join "staging"."main"."int_periods" as periods
        on located.occurred_date between periods.period_start and periods.period_end
    where located.placement_category is not null

),

breakdown_counts as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(*) as breakdowns
    from by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

),

placed as (

    select * from "staging"."main"."int_child_years"
    where breakdown = 'all'
        or breakdown in (select placement_category from "staging"."main"."measure_types")

)

select
    'breakdown_rate' as kpi,
    placed.period, placed.period_type, placed.period_start, placed.period_end,
    placed.municipality, placed.district_group, placed.district, placed.breakdown,
    cast(coalesce(breakdown_counts.breakdowns, 0) as double) as numerator,
    placed.child_years as denominator,
    cast(case when placed.child_years > 0 then 100.0 * coalesce(breakdown_counts.breakdowns, 0) / placed.child_years end as double) as value
from placed
left join breakdown_counts
    on placed.period = breakdown_counts.period
    and placed.municipality = breakdown_counts.municipality
    and placed.district_group = breakdown_counts.district_group
    and placed.district = breakdown_counts.district
    and placed.breakdown = breakdown_counts.breakdown