-- The team leader's list: notifications without a 24-hour assessment on the as-of time, either
-- not assessed at all or assessed later than 24 hours after receipt, with the case's team and
-- caseworker now. Pseudonymous keys only; the lake never holds a CPR number.

{%- set as_of_time = as_of_timestamp() if var('as_of') else 'current_timestamp' %}

with received as (
    select * from {{ ref('stg_notification_received') }}
),

assessed as (
    select
        municipality,
        notification_id,
        min(occurred_at) as assessed_at
    from {{ ref('stg_notification_assessed') }}
    group by municipality, notification_id
),

assignments as (
    select * from {{ ref('int_case_assignments') }}
),

late as (
    select
        received.municipality,
        received.case_id,
        received.child_id,
        received.notification_id,
        received.event_id,
        coalesce(received.source, 'unknown') as source,
        received.occurred_at as received_at,
        received.occurred_at + interval 24 hour as assessment_due_at,
        assessed.assessed_at
    from received
    left join assessed
        on received.municipality = assessed.municipality
        and received.notification_id = assessed.notification_id
    -- due by the as-of time and not met: open ones still inside their 24 hours are not late yet
    where received.occurred_at + interval 24 hour < {{ as_of_time }}
        and (
            assessed.assessed_at is null
            or assessed.assessed_at > received.occurred_at + interval 24 hour
        )
)

select
    late.municipality,
    coalesce(assignments.district_group, 'unmapped') as district_group,
    coalesce(assignments.district, 'unknown') as district,
    coalesce(assignments.team, 'unknown') as team,
    assignments.caseworker_id,
    late.case_id,
    late.child_id,
    late.notification_id,
    late.event_id,
    late.source,
    late.received_at,
    late.assessment_due_at,
    late.assessed_at,
    case when late.assessed_at is null then 'not_assessed' else 'assessed_late' end as status,
    cast(
        date_diff('minute', late.received_at, coalesce(late.assessed_at, {{ as_of_time }}))
        as double
    ) / 60 as hours_since_received
from late
left join assignments
    on late.municipality = assignments.municipality
    and late.case_id = assignments.case_id
    and cast(timezone('Europe/Copenhagen', {{ as_of_time }}) as date) >= assignments.effective_from
    and (
        assignments.valid_to is null
        or cast(timezone('Europe/Copenhagen', {{ as_of_time }}) as date) < assignments.valid_to
    )
