-- notifications: notification.received events in the period ('all', source), in the case's
-- district on the day received.
-- notification_24h_compliance: of those, the share whose first notification.assessed (same
-- municipality and notification_id, by occurred_at) is at most 24 hours after receipt, both
-- occurred_at. Not assessed as of var('as_of') counts as not met. Every period, geography and
-- source has a row; the share is blank where nothing was received.
with periods as (

    select * from {{ ref('int_periods') }}

),

geographies as (

    select
        municipality,
        district_group,
        district
    from {{ ref('int_geographies') }}

),

kpi_breakdowns as (

    select
        kpi,
        breakdown
    from {{ ref('kpi_breakdowns') }}

),

received_events as (

    select * from {{ ref('stg_notification_received') }}

),

assessed_events as (

    select * from {{ ref('stg_notification_assessed') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

assessments as (

    select
        municipality,
        notification_id,
        min(occurred_at) as assessed_at
    from assessed_events
    group by municipality, notification_id

),

received as (

    select
        received_events.event_id,
        received_events.municipality,
        received_events.occurred_date,
        coalesce(received_events.source, 'unknown') as source,
        coalesce(assessments.assessed_at <= received_events.occurred_at + interval 24 hour, false)
            as assessed_within_24h,
        {{ assignment_geography() }}
    from received_events
    left join assessments
        on received_events.municipality = assessments.municipality
        and received_events.notification_id = assessments.notification_id
    {{ join_case_assignment('received_events', 'received_events.occurred_date') }}

),

by_breakdown as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        received.municipality,
        received.district_group,
        received.district,
        breakdowns.breakdown,
        received.event_id,
        received.assessed_within_24h
    from received
    inner join periods
        on {{ in_elapsed_period('received.occurred_date') }}
    cross join lateral (select unnest(['all', received.source]) as breakdown) as breakdowns

),

counted as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(*) as notifications,
        count(*) filter (where assessed_within_24h) as assessed_within_24h
    from by_breakdown
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

notification_breakdowns as (

    {{ spine_breakdowns('notifications', observed='counted') }}

),

compliance_breakdowns as (

    {{ spine_breakdowns('notification_24h_compliance', observed='counted') }}

),

notification_spine as (

    {{ kpi_spine(breakdowns='notification_breakdowns') }}

),

compliance_spine as (

    {{ kpi_spine(breakdowns='compliance_breakdowns') }}

)

select {{ kpi_row('notifications', 'coalesce(counted.notifications, 0)', relation='spine') }}
from notification_spine as spine
left join counted
    using ({{ spine_keys() }})
union all
select
    {{ kpi_row('notification_24h_compliance', 'coalesce(counted.assessed_within_24h, 0)',
               'coalesce(counted.notifications, 0)', rate='percent', relation='spine') }}
from compliance_spine as spine
left join counted
    using ({{ spine_keys() }})
