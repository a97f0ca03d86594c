
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "kpi","district_group","district","breakdown","value", 'actual' as "actual_or_expected"
  from (
    -- ladder_moves: counted ladder.moved events in the period by 'from>to' ('entry>3', '5>4',
-- '2>exit'), 'from' being the step the case's previous move left it on.
-- moved_down_from_institution: distinct children with a move from step 5 to step 0-4 in the
-- period before their 18th birthday (a move to exit is not a move down; children without a
-- known birth date are not counted). Both by the case's district on the day of the move.
with  __dbt__cte__int_ladder_moves as (

-- Fixture for int_ladder_moves
select 
    
    cast('L1' as character varying)
 as "event_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", 
    
    cast('K1' as character varying)
 as "child_id", cast(null as TIMESTAMP WITH TIME ZONE) as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", cast(null as TIMESTAMP WITH TIME ZONE) as "recorded_at", cast(null as BIGINT) as "move_seq", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast('4' as INTEGER)
 as "to_step", 
    
    cast('5' as INTEGER)
 as "from_step", 
    
    cast('5>4' as character varying)
 as "move_label", cast(null as character varying(256)) as "placement_category", cast(null as BOOLEAN) as "short_term", cast(null as character varying(256)) as "reason", cast(null as DATE) as "next_move_date", cast(null as character varying(256)) as "next_move_reason", 
    
    cast('1998-01-10' as DATE)
 as "child_birth_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team"
union all
select 
    
    cast('L2' as character varying)
 as "event_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", 
    
    cast('K2' as character varying)
 as "child_id", cast(null as TIMESTAMP WITH TIME ZONE) as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", cast(null as TIMESTAMP WITH TIME ZONE) as "recorded_at", cast(null as BIGINT) as "move_seq", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast('2' as INTEGER)
 as "to_step", 
    
    cast('5' as INTEGER)
 as "from_step", 
    
    cast('5>2' as character varying)
 as "move_label", cast(null as character varying(256)) as "placement_category", cast(null as BOOLEAN) as "short_term", cast(null as character varying(256)) as "reason", cast(null as DATE) as "next_move_date", cast(null as character varying(256)) as "next_move_reason", 
    
    cast('1997-03-01' as DATE)
 as "child_birth_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team"
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
), moves as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        moves.*
    from __dbt__cte__int_ladder_moves as moves
    inner join __dbt__cte__int_periods as periods
        on moves.occurred_date between periods.period_start and periods.period_end

),

move_counts as (

    select
        period, period_type, period_start, period_end, move_label as breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(*) as moves
    from moves
    group by grouping sets (
    (period, period_type, period_start, period_end, move_label, municipality, district_group, district),
    (period, period_type, period_start, period_end, move_label, municipality, district_group),
    (period, period_type, period_start, period_end, move_label, municipality)
)

),

moved_down as (

    select
        period, period_type, period_start, period_end, 'all' as breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct child_id) as children
    from moves
    where from_step = 5
        and to_step < 5
        and occurred_date < child_birth_date + interval 18 year
    group by grouping sets (
    (period, period_type, period_start, period_end, municipality, district_group, district),
    (period, period_type, period_start, period_end, municipality, district_group),
    (period, period_type, period_start, period_end, municipality)
)

)

select
    'ladder_moves' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(moves as double) as numerator,
    cast(null as double) as denominator,
    cast(moves as double) as value
from move_counts
union all
select
    'moved_down_from_institution' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(children as double) as numerator,
    cast(null as double) as denominator,
    cast(children as double) as value
from moved_down
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "kpi", "district_group", "district", "breakdown", "value", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('ladder_moves' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('5>4' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('ladder_moves' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('5>2' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('ladder_moves' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('5>4' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('ladder_moves' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('5>2' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('ladder_moves' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('5>4' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('ladder_moves' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('5>2' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('moved_down_from_institution' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('moved_down_from_institution' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
union all
select 
    
    cast('moved_down_from_institution' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "value"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected