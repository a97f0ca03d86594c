
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "kpi","district_group","district","breakdown","numerator","denominator","value", 'actual' as "actual_or_expected"
  from (
    -- notifications: notification.received events in the period ('all', source), in the case's
-- district on the day received.
-- notification_24h_compliance: of those, the share whose first notification.assessed (same
-- municipality and notification_id, by occurred_at) is at most 24 hours after receipt, both
-- occurred_at. Not assessed as of var('as_of') counts as not met.
with  __dbt__cte__stg_notification_assessed as (

-- Fixture for stg_notification_assessed
select 
    
    cast('A1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-02 07:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-02' as DATE)
 as "occurred_date", 
    
    cast('2015-04-02 07:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N1' as character varying)
 as "notification_id", cast(null as BOOLEAN) as "acute", cast(null as character varying(256)) as "outcome"
union all
select 
    
    cast('A2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-11 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-11' as DATE)
 as "occurred_date", 
    
    cast('2015-04-11 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N2' as character varying)
 as "notification_id", cast(null as BOOLEAN) as "acute", cast(null as character varying(256)) as "outcome"
),  __dbt__cte__stg_notification_received as (

-- Fixture for stg_notification_received
select 
    
    cast('R1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-01 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-01' as DATE)
 as "occurred_date", 
    
    cast('2015-04-01 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N1' as character varying)
 as "notification_id", 
    
    cast('school' as character varying)
 as "source", cast(null as character varying(256)) as "concern"
union all
select 
    
    cast('R2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-10' as DATE)
 as "occurred_date", 
    
    cast('2015-04-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N2' as character varying)
 as "notification_id", 
    
    cast('school' as character varying)
 as "source", cast(null as character varying(256)) as "concern"
union all
select 
    
    cast('R3' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-05-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-05-10' as DATE)
 as "occurred_date", 
    
    cast('2015-05-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N3' as character varying)
 as "notification_id", 
    
    cast('school' as character varying)
 as "source", cast(null as character varying(256)) as "concern"
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('1' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-06-01' as DATE)
 as "valid_from", 
    
    cast('0001-01-01' as DATE)
 as "effective_from", 
    
    cast(null as DATE)
 as "valid_to", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('pilot' as character varying)
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
        municipality,
        notification_id,
        min(occurred_at) as assessed_at
    from __dbt__cte__stg_notification_assessed
    group by municipality, notification_id

),

received as (

    select
        received.event_id,
        received.municipality,
        received.occurred_date,
        coalesce(received.source, 'unknown') as source,
        coalesce(assessments.assessed_at <= received.occurred_at + interval 24 hour, false) as assessed_within_24h,
        coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group
    from __dbt__cte__stg_notification_received as received
    left join assessments
        on received.municipality = assessments.municipality
        and received.notification_id = assessments.notification_id
    left join __dbt__cte__int_case_assignments as assignment
    on received.municipality = assignment.municipality
    and received.case_id = assignment.case_id
    and received.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or received.occurred_date < assignment.valid_to)

),

by_breakdown as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        received.municipality, received.district_group, received.district,
        breakdowns.breakdown, received.event_id, received.assessed_within_24h
    from received
    inner join __dbt__cte__int_periods as periods
        on received.occurred_date between periods.period_start and periods.period_end
    cross join lateral (select unnest(['all', received.source]) as breakdown) as breakdowns

),

counted as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(*) as notifications,
        count(*) filter (where assessed_within_24h) as assessed_within_24h
    from by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'notifications' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(notifications as double) as numerator,
    cast(null as double) as denominator,
    cast(notifications as double) as value
from counted
union all
select
    'notification_24h_compliance' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(assessed_within_24h as double) as numerator,
    cast(notifications as double) as denominator,
    cast(case when notifications > 0 then 100.0 * assessed_within_24h / notifications end as double) as value
from counted
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "kpi", "district_group", "district", "breakdown", "numerator", "denominator", "value", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('notification_24h_compliance' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('3' as DOUBLE)
 as "denominator", 
    
    cast('33.333333333333336' as DOUBLE)
 as "value"
union all
select 
    
    cast('notifications' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('school' as character varying)
 as "breakdown", 
    
    cast('3' as DOUBLE)
 as "numerator", 
    
    cast(null as DOUBLE)
 as "denominator", 
    
    cast('3' as DOUBLE)
 as "value"
union all
select 
    
    cast('notifications' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('3' as DOUBLE)
 as "numerator", 
    
    cast(null as DOUBLE)
 as "denominator", 
    
    cast('3' as DOUBLE)
 as "value"
union all
select 
    
    cast('notifications' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('school' as character varying)
 as "breakdown", 
    
    cast('3' as DOUBLE)
 as "numerator", 
    
    cast(null as DOUBLE)
 as "denominator", 
    
    cast('3' as DOUBLE)
 as "value"
union all
select 
    
    cast('notifications' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('3' as DOUBLE)
 as "numerator", 
    
    cast(null as DOUBLE)
 as "denominator", 
    
    cast('3' as DOUBLE)
 as "value"
union all
select 
    
    cast('notifications' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('school' as character varying)
 as "breakdown", 
    
    cast('3' as DOUBLE)
 as "numerator", 
    
    cast(null as DOUBLE)
 as "denominator", 
    
    cast('3' as DOUBLE)
 as "value"
union all
select 
    
    cast('notifications' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('3' as DOUBLE)
 as "numerator", 
    
    cast(null as DOUBLE)
 as "denominator", 
    
    cast('3' as DOUBLE)
 as "value"
union all
select 
    
    cast('notification_24h_compliance' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('school' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('3' as DOUBLE)
 as "denominator", 
    
    cast('33.333333333333336' as DOUBLE)
 as "value"
union all
select 
    
    cast('notification_24h_compliance' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('3' as DOUBLE)
 as "denominator", 
    
    cast('33.333333333333336' as DOUBLE)
 as "value"
union all
select 
    
    cast('notification_24h_compliance' as character varying)
 as "kpi", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('school' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('3' as DOUBLE)
 as "denominator", 
    
    cast('33.333333333333336' as DOUBLE)
 as "value"
union all
select 
    
    cast('notification_24h_compliance' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('3' as DOUBLE)
 as "denominator", 
    
    cast('33.333333333333336' as DOUBLE)
 as "value"
union all
select 
    
    cast('notification_24h_compliance' as character varying)
 as "kpi", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('school' as character varying)
 as "breakdown", 
    
    cast('1' as DOUBLE)
 as "numerator", 
    
    cast('3' as DOUBLE)
 as "denominator", 
    
    cast('33.333333333333336' as DOUBLE)
 as "value"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected