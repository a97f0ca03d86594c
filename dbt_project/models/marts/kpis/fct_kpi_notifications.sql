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
    from {{ ref('stg_notification_assessed') }}
    group by municipality, notification_id

),

received as (

    select
        received.event_id,
        received.municipality,
        received.occurred_date,
        coalesce(received.source, 'unknown') as source,
        coalesce(assessments.assessed_at <= received.occurred_at + interval 24 hour, false) as assessed_within_24h,
        {{ assignment_geography() }}
    from {{ ref('stg_notification_received') }} as received
    left join assessments
        on received.municipality = assessments.municipality
        and received.notification_id = assessments.notification_id
    {{ join_case_assignment('received', 'received.occurred_date') }}

),

by_breakdown as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        received.municipality, received.district_group, received.district,
        breakdowns.breakdown, received.event_id, received.assessed_within_24h
    from received
    {{ join_periods_containing('received.occurred_date') }}
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

)

select {{ kpi_row('notifications', 'notifications') }}
from counted
union all
select {{ kpi_row('notification_24h_compliance', 'assessed_within_24h', 'notifications', rate='percent') }}
from counted
