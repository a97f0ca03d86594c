-- One row per follow-up that was due, and whether it was met: the rule-based due dates of
-- `int_followup_due_dates` (schedule = the rule set) and the dates caseworkers planned with
-- `next_due` (schedule = 'planned').

{%- set grace_days = var('followup_grace_days') | int %}

with due_dates as (
    select * from {{ ref('int_followup_due_dates') }}
),

followups as (
    select * from {{ ref('int_followups_held') }}
),

-- Rule-based: d_i is met by a follow-up of the episode (its case and measure_id, see
-- int_followups_held) with a child conversation in (d_(i-1) + grace, d_i + grace], the first in
-- (episode start, d_1 + grace]. A follow-up belongs to one episode and the windows of an
-- episode do not overlap, so a follow-up meets at most one due date of a rule set.
rule_windows as (
    select
        *,
        coalesce(previous_due_date + {{ grace_days }}, episode_start) as window_after,
        due_date + {{ grace_days }} as window_until
    from due_dates
),

rule_matches as (
    select
        rule_windows.rule_set as schedule,
        rule_windows.rule_name,
        {{ followup_episode_columns('rule_windows') }},
        rule_windows.due_index,
        rule_windows.due_date,
        cast(null as varchar) as planned_by_event_id,
        rule_windows.window_after,
        rule_windows.window_until,
        followups.event_id as met_by_event_id,
        followups.occurred_date as met_on
    from rule_windows
    left join followups
        on followups.measure_episode_id = rule_windows.measure_episode_id
        and followups.child_conversation
        and followups.occurred_date > rule_windows.window_after
        and followups.occurred_date <= rule_windows.window_until
    qualify row_number() over (
            partition by
                rule_windows.rule_set, rule_windows.measure_episode_id, rule_windows.due_index
            order by followups.occurred_at, followups.recorded_at, followups.event_id
        ) = 1
),

-- Planned: a next_due d set at follow-up f is met when the measure's next follow-up after f
-- falls on or before d + grace. A planned date on or after the end of f's episode is no longer
-- due (the measure ended), the same rule as for rule-based due dates; a follow-up outside any
-- episode of its measure plans nothing that can be attributed.
planned_matches as (
    select
        'planned' as schedule,
        cast(null as varchar) as rule_name,
        {{ followup_episode_columns() }},
        cast(null as bigint) as due_index,
        next_due as due_date,
        event_id as planned_by_event_id,
        occurred_date as window_after,
        next_due + {{ grace_days }} as window_until,
        case when next_occurred_date <= next_due + {{ grace_days }} then next_event_id end
            as met_by_event_id,
        case when next_occurred_date <= next_due + {{ grace_days }} then next_occurred_date end
            as met_on
    from followups
    where next_due is not null
        and measure_episode_id is not null
        and next_due <= {{ as_of_date() }}
        and (episode_end is null or next_due < episode_end)
)

select
    *,
    met_by_event_id is not null as is_met
from rule_matches
union all by name
select
    *,
    met_by_event_id is not null as is_met
from planned_matches
