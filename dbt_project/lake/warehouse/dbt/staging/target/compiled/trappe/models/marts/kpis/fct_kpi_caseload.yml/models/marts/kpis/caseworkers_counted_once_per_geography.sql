-- caseload_per_caseworker: cases open on the period's last day divided by the caseworkers
-- holding at least one of them ('all', team). A caseworker counts once per geography, so the
-- municipality figure is not the mean of the district figures. Cases without a caseworker count
-- in the numerator only.
with  __dbt__cte__int_case_step_snapshots as (

-- Fixture for int_case_step_snapshots
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('4' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('none' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('2' as character varying)
 as "step_label", 
    
    cast('D2' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C4' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('2' as character varying)
 as "step_label", 
    
    cast('D2' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W2' as character varying)
 as "caseworker_id"
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
        breakdowns.breakdown,
        snapshots.case_id,
        snapshots.caseworker_id
    from __dbt__cte__int_case_step_snapshots as snapshots
    inner join __dbt__cte__int_periods as periods
        on snapshots.snapshot_date = periods.period_end
    cross join lateral (select unnest(['all', coalesce(snapshots.team, 'unknown')]) as breakdown) as breakdowns

),

counted as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct case_id) as open_cases,
        count(distinct caseworker_id) as caseworkers
    from snapshots
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'caseload_per_caseworker' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(open_cases as double) as numerator,
    cast(caseworkers as double) as denominator,
    cast(case when caseworkers > 0 then 1.0 * open_cases / caseworkers end as double) as value
from counted
where caseworkers > 0