
    
      
    

    create  table
      "staging"."main"."fct_kpi_notifications__dbt_tmp"
  
  (
    kpi varchar,
    period varchar,
    period_type varchar,
    period_start date,
    period_end date,
    municipality varchar,
    district_group varchar,
    district varchar,
    breakdown varchar,
    numerator double,
    denominator double,
    value double
    
    )
 ;
    
    
    insert into "staging"."main"."fct_kpi_notifications__dbt_tmp" 
  (
    
      
      
      kpi ,
    
      
      
      period ,
    
      
      
      period_type ,
    
      
      
      period_start ,
    
      
      
      period_end ,
    
      
      
      municipality ,
    
      
      
      district_group ,
    
      
      
      district ,
    
      
      
      breakdown ,
    
      
      
      numerator ,
    
      
      
      denominator ,
    
      
      
      value 
    
  )
 (
      
    select kpi, period, period_type, period_start, period_end, municipality, district_group, district, breakdown, numerator, denominator, value
    from (
        -- notifications: notification.received events in the period ('all', source), in the case's
-- district on the day received.
-- notification_24h_compliance: of those, the share whose first notification.assessed (same
-- municipality and notification_id, by occurred_at) is at most 24 hours after receipt, both
-- occurred_at. Not assessed as of var('as_of') counts as not met.
with assessments as (

    select
        municipality,
        notification_id,
        min(occurred_at) as assessed_at
    from "staging"."main"."stg_notification_assessed"
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
    from "staging"."main"."stg_notification_received" as received
    left join assessments
        on received.municipality = assessments.municipality
        and received.notification_id = assessments.notification_id
    left join "staging"."main"."int_case_assignments" as assignment
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
    inner join "staging"."main"."int_periods" as periods
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
    ) as model_subq
    );
  