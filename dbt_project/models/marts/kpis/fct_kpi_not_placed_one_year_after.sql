-- not_placed_one_year_after: of the children placed on the day one year before the period's last
-- elapsed day E (its last day, or T's date in an incomplete period; E - 1 year, 29 February maps
-- to 28 February), the share not placed on E ('all', category). A child is placed on a day when
-- any of its episodes with a placement category covers it. Category and district are those of
-- the child's placement on the earlier day (its latest started placement episode, if it had
-- two). Every period, geography and breakdown has a row; the share is blank where no child was
-- placed on the earlier day.
with periods as (

    select
        *,
        cast(elapsed_end - interval 1 year as date) as baseline_date
    from {{ ref('int_periods') }}

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

placements as (

    select * from {{ ref('int_measure_episodes') }}
    where placement_category is not null

),

placed_at_baseline as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
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
        on placements.episode_start <= periods.elapsed_end
        and (placements.episode_end is null or placements.episode_end > periods.elapsed_end)

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

    select
        *,
        'all' as breakdown
    from outcomes
    union all
    select
        *,
        placement_category as breakdown
    from outcomes

),

counted as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct child_id) as placed_children,
        count(distinct child_id) filter (where not_placed) as not_placed_children
    from by_breakdown
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

spine_breakdowns as (

    {{ spine_breakdowns('not_placed_one_year_after') }}

),

spine as (

    {{ kpi_spine(breakdowns='spine_breakdowns') }}

)

select
    {{ kpi_row('not_placed_one_year_after', 'coalesce(counted.not_placed_children, 0)',
               'coalesce(counted.placed_children, 0)', rate='percent', relation='spine') }}
from spine
left join counted
    using ({{ spine_keys() }})
