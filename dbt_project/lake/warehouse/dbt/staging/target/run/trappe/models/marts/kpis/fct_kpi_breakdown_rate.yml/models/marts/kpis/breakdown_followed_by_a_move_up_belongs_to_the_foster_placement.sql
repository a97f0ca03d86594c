
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "kpi","breakdown","district_group","district","numerator","denominator","value", 'actual' as "actual_or_expected"
  from (
    -- breakdown_rate: placement.broke_down events in the period per 100 placed child-years ('all',
-- category). A breakdown belongs to the latest episode of its measure (same case and
-- measure_id) that started on or before it: its category and district, so numerator and
-- denominator share one geography. Breakdowns matching no placement episode count in 'all'
-- under the case's district. Rows exist where there are placed child-years.
with  __dbt__cte__stg_placement_broke_down as (

-- Fixture for stg_placement_broke_down
select 
    
    cast('B1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as character varying(256)) as "initiated_by"
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
    
    cast('family_foster_care' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-03-01' as DATE)
 as "episode_start", 
    
    cast('2015-07-01' as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
union all
select 
    
    cast('E2' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team", 
    
    cast('M2' as character varying)
 as "measure_id", cast(null as character varying(256)) as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('institution' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-07-01' as DATE)
 as "episode_start", 
    
    cast(null as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select cast(null as character varying(256)) as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "assignment_event_id", cast(null as BIGINT) as "assignment_seq", cast(null as DATE) as "valid_from", cast(null as DATE) as "effective_from", cast(null as DATE) as "valid_to", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
    limit 0
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
),  __dbt__cte__int_child_years as (

-- Fixture for int_child_years
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('365' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('182.5' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('365' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('73' as HUGEINT)
 as "placed_days", 
    
    cast('0.2' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('365' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('109.5' as HUGEINT)
 as "placed_days", 
    
    cast('0.3' as DOUBLE)
 as "child_years"
),  __dbt__cte__measure_types as (

-- Fixture for measure_types
select 
    
    cast('foster_family' as character varying)
 as "measure_type", 
    
    cast('4' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category"
union all
select 
    
    cast('residential_institution' as character varying)
 as "measure_type", 
    
    cast('5' as INTEGER)
 as "step", 
    
    cast('institution' as character varying)
 as "placement_category"
union all
select 
    
    cast('own_room' as character varying)
 as "measure_type", 
    
    cast('2' as INTEGER)
 as "step", 
    
    cast('home_based_placement' as character varying)
 as "placement_category"
union all
select 
    
    cast('preventive_measure' as character varying)
 as "measure_type", 
    
    cast('1' as INTEGER)
 as "step", 
    
    cast(null as character varying(256))
 as "placement_category"
union all
select 
    
    cast('network_foster_care' as character varying)
 as "measure_type", 
    
    cast('3' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category"
), breakdowns as (

    select
        breakdowns.event_id,
        breakdowns.municipality,
        breakdowns.case_id,
        breakdowns.occurred_date,
        arg_max(episodes.placement_category, episodes.episode_start) as placement_category,
        arg_max(episodes.district, episodes.episode_start) as episode_district,
        arg_max(episodes.district_group, episodes.episode_start) as episode_district_group
    from __dbt__cte__stg_placement_broke_down as breakdowns
    left join __dbt__cte__int_measure_episodes as episodes
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
    left join __dbt__cte__int_case_assignments as assignment
    on breakdowns.municipality = assignment.municipality
    and breakdowns.case_id = assignment.case_id
    and breakdowns.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or breakdowns.occurred_date < assignment.valid_to)

),

by_breakdown as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        located.municipality, located.district_group, located.district, 'all' as breakdown, located.event_id
    from located
    inner join __dbt__cte__int_periods as periods
        on located.occurred_date between periods.period_start and periods.period_end
    union all
    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        located.municipality, located.district_group, located.district, located.placement_category, located.event_id
    from located
    inner join __dbt__cte__int_periods as periods
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

    select * from __dbt__cte__int_child_years
    where breakdown = 'all'
        or breakdown in (select placement_category from __dbt__cte__measure_types)

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
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "kpi", "breakdown", "district_group", "district", "numerator", "denominator", "value", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('breakdown_rate' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('0.5' as DOUBLE)
 as "denominator", 
    
    cast('200' as DOUBLE)
 as "value"
union all
select 
    
    cast('breakdown_rate' as character varying)
 as "kpi", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('0.2' as DOUBLE)
 as "denominator", 
    
    cast('500' as DOUBLE)
 as "value"
union all
select 
    
    cast('breakdown_rate' as character varying)
 as "kpi", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('0' as DOUBLE)
 as "numerator", 
    
    cast('0.3' as DOUBLE)
 as "denominator", 
    
    cast('0' as DOUBLE)
 as "value"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected