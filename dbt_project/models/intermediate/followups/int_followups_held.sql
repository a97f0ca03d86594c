-- One row per follow-up held (as of), with the episode of its measure it belongs to and the
-- measure's next follow-up. A follow-up belongs to the latest episode of the same case and
-- measure that started on or before its date; episode columns are null when there is none
-- (a follow-up of a measure the ladder never started: reported by a warn test).

with followups as (
    select
        event_id,
        municipality,
        case_id,
        measure_id,
        occurred_at,
        occurred_date,
        recorded_at,
        child_conversation,
        statutory,
        next_due
    from {{ ref('stg_followup_held') }}
),

episodes as (
    select * from {{ ref('int_measure_episodes') }}
),

-- "Next" in event order: occurred_at, then recorded_at (event_id makes ties deterministic).
followups_in_order as (
    select
        *,
        lead(event_id) over measure_order as next_event_id,
        lead(occurred_date) over measure_order as next_occurred_date
    from followups
    window measure_order as (
        partition by municipality, case_id, measure_id
        order by occurred_at, recorded_at, event_id
    )
)

select
    followups_in_order.*,
    episodes.measure_episode_id,
    episodes.child_id,
    episodes.district_group,
    episodes.district,
    episodes.measure_type,
    episodes.step,
    episodes.placement_category,
    episodes.episode_start,
    episodes.episode_end
from followups_in_order
left join episodes
    on episodes.municipality = followups_in_order.municipality
    and episodes.case_id = followups_in_order.case_id
    and episodes.measure_id = followups_in_order.measure_id
    and episodes.episode_start <= followups_in_order.occurred_date
qualify row_number() over (
        partition by followups_in_order.event_id
        order by episodes.episode_start desc nulls last, episodes.measure_episode_id desc nulls last
    ) = 1
