-- The team leader's list: follow-ups of open measures that are overdue on the as-of date, one
-- row per episode and schedule (a rule set of `followup_rules`, or `planned`), with the case's
-- team and caseworker now. Pseudonymous keys only; the lake never holds a CPR number.

with matches as (
    select * from {{ ref('int_followup_matches') }}
),

followups as (
    select * from {{ ref('int_followups_held') }}
),

episodes as (
    select * from {{ ref('int_measure_episodes') }}
),

assignments as (
    select * from {{ ref('int_case_assignments') }}
),

cases as (
    select * from {{ ref('int_cases') }}
),

-- The child was last seen at the episode's latest follow-up: with a child conversation for the
-- rule sets (only those meet a rule's due date), any follow-up for the planned dates.
last_seen as (
    select
        measure_episode_id,
        max(occurred_date) filter (where child_conversation) as last_conversation_date,
        max(occurred_date) as last_followup_date
    from followups
    where measure_episode_id is not null
    group by measure_episode_id
),

-- Outstanding: not met, due before the as-of date, and not followed by any follow-up that
-- could have met it. The oldest such date is how long the child has waited.
outstanding as (
    select
        matches.schedule,
        matches.measure_episode_id,
        min(matches.due_date) as due_date,
        count(*) as missed_due_dates
    from matches
    left join last_seen
        on matches.measure_episode_id = last_seen.measure_episode_id
    where not matches.is_met
        and matches.due_date < {{ as_of_date() }}
        and matches.due_date >= coalesce(
            case when matches.schedule = 'planned' then last_seen.last_followup_date
                else last_seen.last_conversation_date
            end,
            date '0001-01-01'
        )
    group by matches.schedule, matches.measure_episode_id
)

select
    episodes.municipality,
    coalesce(assignments.district_group, 'unmapped') as district_group,
    coalesce(assignments.district, 'unknown') as district,
    coalesce(assignments.team, 'unknown') as team,
    assignments.caseworker_id,
    episodes.case_id,
    episodes.child_id,
    episodes.measure_episode_id,
    episodes.measure_id,
    episodes.measure_type,
    episodes.step,
    outstanding.schedule,
    outstanding.due_date,
    outstanding.missed_due_dates,
    case when outstanding.schedule = 'planned' then last_seen.last_followup_date
        else last_seen.last_conversation_date
    end as last_followup_date,
    cast({{ as_of_date() }} - outstanding.due_date as integer) as days_overdue,
    {{ as_of_date() }} as as_of_date
from outstanding
inner join episodes
    on outstanding.measure_episode_id = episodes.measure_episode_id
left join last_seen
    on outstanding.measure_episode_id = last_seen.measure_episode_id
inner join cases
    on episodes.municipality = cases.municipality
    and episodes.case_id = cases.case_id
left join assignments
    on episodes.municipality = assignments.municipality
    and episodes.case_id = assignments.case_id
    and {{ as_of_date() }} >= assignments.effective_from
    and (assignments.valid_to is null or {{ as_of_date() }} < assignments.valid_to)
-- only what can still be acted on: the measure and the case are open
where (episodes.episode_end is null or episodes.episode_end > {{ as_of_date() }})
    and (cases.closed_date is null or cases.closed_date > {{ as_of_date() }})
