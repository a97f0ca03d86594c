-- sdq_mean: mean SDQ total difficulties of the assessments in the period, by informant
-- (teacher, parent, self; never mixed), in the case's district on the day of the assessment.
-- numerator = sum of scores, denominator = number of assessments.
with  __dbt__cte__stg_wellbeing_assessed as (

-- Fixture for stg_wellbeing_assessed
select 
    
    cast('S1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-05-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-05-01' as DATE)
 as "occurred_date", 
    
    cast('2015-05-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('SDQ' as character varying)
 as "instrument", 
    
    cast('teacher' as character varying)
 as "informant", 
    
    cast('12' as INTEGER)
 as "total_difficulties", cast(null as INTEGER) as "emotional", cast(null as INTEGER) as "conduct", cast(null as INTEGER) as "hyperactivity", cast(null as INTEGER) as "peer", cast(null as INTEGER) as "prosocial"
union all
select 
    
    cast('S2' as character varying)
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
    
    cast('SDQ' as character varying)
 as "instrument", 
    
    cast('teacher' as character varying)
 as "informant", 
    
    cast('8' as INTEGER)
 as "total_difficulties", cast(null as INTEGER) as "emotional", cast(null as INTEGER) as "conduct", cast(null as INTEGER) as "hyperactivity", cast(null as INTEGER) as "peer", cast(null as INTEGER) as "prosocial"
union all
select 
    
    cast('S3' as character varying)
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
    
    cast('SDQ' as character varying)
 as "instrument", 
    
    cast('parent' as character varying)
 as "informant", 
    
    cast('20' as INTEGER)
 as "total_difficulties", cast(null as INTEGER) as "emotional", cast(null as INTEGER) as "conduct", cast(null as INTEGER) as "hyperactivity", cast(null as INTEGER) as "peer", cast(null as INTEGER) as "prosocial"
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('1' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-01-01' as DATE)
 as "valid_from", 
    
    cast('0001-01-01' as DATE)
 as "effective_from", 
    
    cast(null as DATE)
 as "valid_to", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
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
), assessments as (

    select
        assessments.event_id,
        assessments.municipality,
        assessments.occurred_date,
        assessments.informant,
        assessments.total_difficulties,
        coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group
    from __dbt__cte__stg_wellbeing_assessed as assessments
    left join __dbt__cte__int_case_assignments as assignment
    on assessments.municipality = assignment.municipality
    and assessments.case_id = assignment.case_id
    and assessments.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or assessments.occurred_date < assignment.valid_to)
    where assessments.instrument = 'SDQ'
        and assessments.total_difficulties is not null

),

by_period as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        assessments.municipality, assessments.district_group, assessments.district,
        assessments.informant as breakdown, assessments.total_difficulties
    from assessments
    inner join __dbt__cte__int_periods as periods
        on assessments.occurred_date between periods.period_start and periods.period_end

),

summed as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        sum(total_difficulties) as score_sum,
        count(*) as assessments
    from by_period
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'sdq_mean' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(score_sum as double) as numerator,
    cast(assessments as double) as denominator,
    cast(case when assessments > 0 then 1.0 * score_sum / assessments end as double) as value
from summed