-- cases_by_step: open cases on the period's last day by their step then: '0'-'5',
-- 'assessment' (no active measure, investigation open) or 'none'. Periods whose last day is
-- after the as-of date have no row (their last day has not happened yet).
with  __dbt__cte__int_case_step_snapshots as (

-- Fixture for int_case_step_snapshots
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('5' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('assessment' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('assessment' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C4' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-11-30' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('4' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
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
), snapshots as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        snapshots.municipality, snapshots.district_group, snapshots.district,
        snapshots.step_label as breakdown,
        snapshots.case_id
    from __dbt__cte__int_case_step_snapshots as snapshots
    inner join __dbt__cte__int_periods as periods
        on snapshots.snapshot_date = periods.period_end

),

counted as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct case_id) as open_cases
    from snapshots
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'cases_by_step' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(open_cases as double) as numerator,
    cast(null as double) as denominator,
    cast(open_cases as double) as value
from counted