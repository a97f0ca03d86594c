-- Expenditure per period, geography and breakdown at fixed prices: each cost.booked amount is
-- spread evenly over the days of [period_start, period_end] (inclusive); the share falling in the
-- elapsed part of a reporting period (up to T's date: what was spent by T) is deflated with the
-- net price index of that period's year to var('price_base_year') prices. Breakdown: 'all', the
-- placement category of the measure, or 'other' (measures without a placement category, and
-- costs whose measure_id matches no episode of the case). A cost belongs to the district of its
-- measure's first episode (the district placed child-years use), or, when unmatched, the case's
-- district on its first day. Sums are taken in DECIMAL so they do not depend on the order rows
-- are added in.
with costs as (

    select * from {{ ref('stg_cost_booked') }}
    where period_end >= period_start

),

episodes as (

    select * from {{ ref('int_measure_episodes') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

periods as (

    select * from {{ ref('int_periods') }}

),

price_index as (

    select
        cast(year as integer) as price_year,
        net_price_index
    from {{ ref('price_index') }}

),

deflators as (

    select
        price_index.price_year,
        base_year.net_price_index / price_index.net_price_index as deflator
    from price_index
    cross join price_index as base_year
    where base_year.price_year = {{ var('price_base_year') }}

),

measures as (

    select
        municipality,
        case_id,
        measure_id,
        arg_min(placement_category, episode_start) as placement_category,
        arg_min(district, episode_start) as district,
        arg_min(district_group, episode_start) as district_group
    from episodes
    group by municipality, case_id, measure_id

),

attributed_costs as (

    select
        costs.municipality,
        costs.case_id,
        costs.amount_dkk,
        costs.period_start as cost_start,
        costs.period_end as cost_end,
        coalesce(measures.placement_category, 'other') as category,
        coalesce(measures.district, assignment.district, 'unknown') as district,
        coalesce(measures.district_group, assignment.district_group, 'unmapped') as district_group
    from costs
    left join measures
        on costs.municipality = measures.municipality
        and costs.case_id = measures.case_id
        and costs.measure_id = measures.measure_id
    {{ join_case_assignment('costs', 'costs.period_start') }}

),

apportioned as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        attributed_costs.municipality,
        attributed_costs.district_group,
        attributed_costs.district,
        attributed_costs.category,
        cast(
            attributed_costs.amount_dkk
            * {{ overlap_days(
                'attributed_costs.cost_start', 'attributed_costs.cost_end + 1',
                'periods.period_start', 'periods.elapsed_end',
            ) }}
            / (datediff('day', attributed_costs.cost_start, attributed_costs.cost_end) + 1)
            * deflators.deflator
            as decimal(38, 6)
        ) as amount_fixed_prices
    from attributed_costs
    inner join periods
        on attributed_costs.cost_start <= periods.elapsed_end
        and attributed_costs.cost_end >= periods.period_start
    left join deflators
        on periods.period_year = deflators.price_year

),

by_breakdown as (

    select
        *,
        'all' as breakdown
    from apportioned
    union all
    select
        *,
        category as breakdown
    from apportioned

)

select
    {{ kpi_keys() | join(', ') }},
    {{ geography_labels() }},
    cast(sum(amount_fixed_prices) as double) as expenditure
from by_breakdown
group by {{ geography_grouping_sets(kpi_keys()) }}
