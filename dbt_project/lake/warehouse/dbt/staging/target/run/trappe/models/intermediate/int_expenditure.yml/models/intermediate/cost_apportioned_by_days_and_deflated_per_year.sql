
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "period","district_group","district","breakdown","expenditure", 'actual' as "actual_or_expected"
  from (
    -- Expenditure per period, geography and breakdown at fixed prices: each cost.booked amount is
-- spread evenly over the days of [period_start, period_end] (inclusive), the share falling in a
-- reporting period is deflated with the net price index of that period's year to
-- var('price_base_year') prices. Breakdown: 'all', the placement category of the measure, or
-- 'other' (measures without a placement category, and costs whose measure_id matches no
-- episode of the case). A cost belongs to the district of its measure's first episode (the
-- district placed child-years use), or, when unmatched, the case's district on its first day.
-- Sums are taken in DECIMAL so they do not depend on the order rows are added in.
with  __dbt__cte__stg_cost_booked as (

-- Fixture for stg_cost_booked
select 
    
    cast('K1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2016-02-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2016-02-01' as DATE)
 as "occurred_date", 
    
    cast('2016-02-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", 
    
    cast('36600' as DOUBLE)
 as "amount_dkk", 
    
    cast('2015-12-01' as DATE)
 as "period_start", 
    
    cast('2016-01-31' as DATE)
 as "period_end"
),  __dbt__cte__int_measure_episodes as (

-- Fixture for int_measure_episodes
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as character varying(256)) as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('institution' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-06-01' as DATE)
 as "episode_start", cast(null as DATE) as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select cast(null as character varying(256)) as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "assignment_event_id", cast(null as BIGINT) as "assignment_seq", cast(null as DATE) as "valid_from", cast(null as DATE) as "effective_from", cast(null as DATE) as "valid_to", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
    limit 0
),  __dbt__cte__price_index as (

-- Fixture for price_index
select 
    
    cast('2013' as INTEGER)
 as "year", 
    
    cast('98.6' as DOUBLE)
 as "net_price_index"
union all
select 
    
    cast('2015' as INTEGER)
 as "year", 
    
    cast('100.0' as DOUBLE)
 as "net_price_index"
union all
select 
    
    cast('2016' as INTEGER)
 as "year", 
    
    cast('100.3' as DOUBLE)
 as "net_price_index"
),  __dbt__cte__int_periods as (

-- Fixture for int_periods
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('365' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period"
), costs as (

    select * from __dbt__cte__stg_cost_booked
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
    from __dbt__cte__int_measure_episodes
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
    left join __dbt__cte__int_case_assignments as assignment
    on costs.municipality = assignment.municipality
    and costs.case_id = assignment.case_id
    and costs.period_start >= assignment.effective_from
    and (assignment.valid_to is null or costs.period_start < assignment.valid_to)

),

price_index as (

    select
        cast(year as integer) as price_year,
        net_price_index,
        (select net_price_index from __dbt__cte__price_index where year = 2013)
            / net_price_index as deflator
    from __dbt__cte__price_index

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
    inner join __dbt__cte__int_periods as periods
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
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "period", "district_group", "district", "breakdown", "expenditure", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('18043.8' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('18043.8' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('18043.8' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('18043.8' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('18043.8' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('18043.8' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('17989.830508' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('17989.830508' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('17989.830508' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('17989.830508' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('17989.830508' as DOUBLE)
 as "expenditure"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('17989.830508' as DOUBLE)
 as "expenditure"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected