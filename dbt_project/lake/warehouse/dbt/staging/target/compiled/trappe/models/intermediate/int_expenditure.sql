-- Expenditure per period, geography and breakdown at fixed prices: each cost.booked amount is
-- spread evenly over the days of [period_start, period_end] (inclusive), the share falling in a
-- reporting period is deflated with the net price index of that period's year to
-- var('price_base_year') prices. Breakdown: 'all', the placement category of the measure, or
-- 'other' (measures without a placement category, and costs whose measure_id matches no
-- episode of the case). A cost belongs to the district of its measure's first episode (the
-- district placed child-years use), or, when unmatched, the case's district on its first day.
-- Sums are taken in DECIMAL so they do not depend on the order rows are added in.
with costs as (

    select * from "staging"."main"."stg_cost_booked"
    where period_end >= period_start

),

measures as (

    select
        municipality,
        case_id,
        measure_id,
        arg_min(placement_category, episode_start) as placement_category,
        arg_min(district, episode_start) as district,
        arg_min(district_group, episode_start) as district_group
    from "staging"."main"."int_measure_episodes"
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
    left join "staging"."main"."int_case_assignments" as assignment
    on costs.municipality = assignment.municipality
    and costs.case_id = assignment.case_id
    and costs.period_start >= assignment.effective_from
    and (assignment.valid_to is null or costs.period_start < assignment.valid_to)

),

price_index as (

    select
        cast(year as integer) as price_year,
        net_price_index,
        (select net_price_index from "staging"."main"."price_index" where year = 2013)
            / net_price_index as deflator
    from "staging"."main"."price_index"

),

apportioned as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        attributed_costs.municipality,
        attributed_costs.district_group,
        attributed_costs.district,
        attributed_costs.category,
        cast(
            attributed_costs.amount_dkk
            * greatest(0, datediff('day', greatest(attributed_costs.cost_start, periods.period_start), least(attributed_costs.cost_end + 1, periods.period_end + 1)))
            / (datediff('day', attributed_costs.cost_start, attributed_costs.cost_end) + 1)
            * price_index.deflator
            as decimal(38, 6)
        ) as amount_fixed_prices
    from attributed_costs
    inner join "staging"."main"."int_periods" as periods
        on attributed_costs.cost_start <= periods.period_end
        and attributed_costs.cost_end >= periods.period_start
    left join price_index
        on periods.period_year = price_index.price_year

),

by_breakdown as (

    select *, 'all' as breakdown from apportioned
    union all
    select *, category as breakdown from apportioned

)

select
    period, period_type, period_start, period_end, breakdown,
    municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
    cast(sum(amount_fixed_prices) as double) as expenditure
from by_breakdown
group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)