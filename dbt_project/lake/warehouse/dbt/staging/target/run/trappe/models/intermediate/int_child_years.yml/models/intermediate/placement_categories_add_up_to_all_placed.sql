
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "district_group","district","breakdown","placed_days","child_years", 'actual' as "actual_or_expected"
  from (
    -- Placed child-years per period, geography and breakdown ('all' placed, each placement category,
-- each placed measure type). Summed as whole days and divided once, so the numbers are exact and
-- the categories add up to 'all'. Geography is the district of the episode's start.
with  __dbt__cte__int_episode_period_days as (

-- Fixture for int_episode_period_days
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('residential_institution' as character varying)
 as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('institution' as character varying)
 as "placement_category", 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period", 
    
    cast('183' as INTEGER)
 as "days_covered"
union all
select 
    
    cast('E2' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('foster_family' as character varying)
 as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period", 
    
    cast('183' as INTEGER)
 as "days_covered"
union all
select 
    
    cast('E3' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('preventive_measure' as character varying)
 as "measure_type", cast(null as INTEGER) as "step", 
    
    cast(null as character varying(256))
 as "placement_category", 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period", 
    
    cast('366' as INTEGER)
 as "days_covered"
), placed_days as (

    select *
    from __dbt__cte__int_episode_period_days
    where placement_category is not null

),

by_breakdown as (

    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, 'all' as breakdown, days_covered
    from placed_days
    union all
    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, placement_category as breakdown, days_covered
    from placed_days
    union all
    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, measure_type as breakdown, days_covered
    from placed_days

),

rolled_up as (

    select
        period, period_type, period_start, period_end, breakdown,
        days_in_period,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        sum(days_covered) as placed_days
    from by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, days_in_period, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, days_in_period, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, days_in_period, municipality)
)

)

select
    *,
    1.0 * placed_days / days_in_period as child_years
from rolled_up
where placed_days > 0
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "district_group", "district", "breakdown", "placed_days", "child_years", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('366' as HUGEINT)
 as "placed_days", 
    
    cast('1.0' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('residential_institution' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('foster_family' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('366' as HUGEINT)
 as "placed_days", 
    
    cast('1.0' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('residential_institution' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('foster_family' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('366' as HUGEINT)
 as "placed_days", 
    
    cast('1.0' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('residential_institution' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('foster_family' as character varying)
 as "breakdown", 
    
    cast('183' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected