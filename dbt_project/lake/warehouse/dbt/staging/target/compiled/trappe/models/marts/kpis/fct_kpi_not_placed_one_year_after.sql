-- not_placed_one_year_after: of the children placed on the day one year before the period's last
-- day (E - 1 year; 29 February maps to 28 February), the share not placed on E ('all', category).
-- A child is placed on a day when any of its episodes with a placement category covers it.
-- Category and district are those of the child's placement on the earlier day (its latest
-- started placement episode, if it had two). Periods whose last day is after the as-of date have
-- no row.
with periods as (

    select
        *,
        cast(period_end - interval 1 year as date) as baseline_date
    from "staging"."main"."int_periods"
    where period_end <= cast('2017-04-11' as date)

),

placements as (

    select * from "staging"."main"."int_measure_episodes"
    where placement_category is not null

),

placed_at_baseline as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        placements.municipality,
        placements.child_id,
        arg_max(placements.placement_category, placements.episode_start) as placement_category,
        arg_max(placements.district, placements.episode_start) as district,
        arg_max(placements.district_group, placements.episode_start) as district_group
    from periods
    inner join placements
        on placements.episode_start <= periods.baseline_date
        and (placements.episode_end is null or placements.episode_end > periods.baseline_date)
    group by all

),

placed_at_period_end as (

    select distinct
        periods.period,
        placements.municipality,
        placements.child_id
    from periods
    inner join placements
        on placements.episode_start <= periods.period_end
        and (placements.episode_end is null or placements.episode_end > periods.period_end)

),

outcomes as (

    select
        placed_at_baseline.*,
        placed_at_period_end.child_id is null as not_placed
    from placed_at_baseline
    left join placed_at_period_end
        on placed_at_baseline.period = placed_at_period_end.period
        and placed_at_baseline.municipality = placed_at_period_end.municipality
        and placed_at_baseline.child_id = placed_at_period_end.child_id

),

by_breakdown as (

    select *, 'all' as breakdown from outcomes
    union all
    select *, placement_category as breakdown from outcomes

),

counted as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct child_id) as placed_children,
        count(distinct child_id) filter (where not_placed) as not_placed_children
    from by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'not_placed_one_year_after' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(not_placed_children as double) as numerator,
    cast(placed_children as double) as denominator,
    cast(case when placed_children > 0 then 100.0 * not_placed_children / placed_children end as double) as value
from counted