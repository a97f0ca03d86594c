-- The state of every open case on every period's last elapsed day (month ends, which include
-- half-year and year ends, and T's date, the last elapsed day of the incomplete periods): its
-- step on the ladder, 'assessment' when it has no active measure but an investigation is open
-- (decision.made investigation_opened, not yet investigation_closed), else 'none'; plus its
-- assignment on that day. A case is open on day d when opened on or before d and not closed
-- before d (docs/kpis.md, "case open in a period"). Incremental by case and snapshot date
-- (macros/incremental.sql): T's date is a new snapshot date in every build.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_stale_rows(
        ['cases', 'measure_episodes', 'decisions', 'assignments'], 'snapshot_date'
    ) }}",
) }}

with periods as (

    select * from {{ ref('int_periods') }}

),

cases as (

    select * from {{ ref('int_cases') }}

),

episodes as (

    select * from {{ ref('int_measure_episodes') }}

),

decisions as (

    select * from {{ ref('stg_decision_made') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

snapshot_dates as (

    select distinct elapsed_end as snapshot_date
    from periods

),

{{ incremental_scope(['cases', 'measure_episodes', 'decisions', 'assignments'], 'snapshot_date') }}

case_snapshot_dates as (

    {{ case_period_pairs(
        'cases', 'snapshot_dates', 'snapshot_date',
        'cases.opened_date <= snapshot_dates.snapshot_date
            and (cases.closed_date is null or cases.closed_date >= snapshot_dates.snapshot_date)',
    ) }}

),

open_cases as (

    select
        municipality,
        case_id,
        child_id,
        snapshot_date
    from case_snapshot_dates

),

investigation_decisions as (

    select
        municipality,
        case_id,
        kind = 'investigation_opened' as investigation_open,
        occurred_date as valid_from,
        lead(occurred_date) over (
            partition by municipality, case_id order by occurred_at, recorded_at, event_id
        ) as valid_to
    from decisions
    where kind in ('investigation_opened', 'investigation_closed')

),

states as (

    select
        open_cases.municipality,
        open_cases.case_id,
        open_cases.child_id,
        open_cases.snapshot_date,
        episodes.measure_episode_id,
        episodes.step,
        episodes.placement_category,
        coalesce(investigation_decisions.investigation_open, false) as investigation_open
    from open_cases
    left join episodes
        on open_cases.municipality = episodes.municipality
        and open_cases.case_id = episodes.case_id
        and episodes.episode_start <= open_cases.snapshot_date
        and (episodes.episode_end is null or episodes.episode_end > open_cases.snapshot_date)
    left join investigation_decisions
        on open_cases.municipality = investigation_decisions.municipality
        and open_cases.case_id = investigation_decisions.case_id
        and investigation_decisions.valid_from <= open_cases.snapshot_date
        and (
            investigation_decisions.valid_to is null
            or investigation_decisions.valid_to > open_cases.snapshot_date
        )

)

select
    states.municipality,
    states.case_id,
    states.child_id,
    states.snapshot_date,
    states.measure_episode_id,
    states.step,
    states.placement_category,
    case
        when states.step is not null then cast(states.step as varchar)
        when states.investigation_open then 'assessment'
        else 'none'
    end as step_label,
    {{ assignment_geography() }},
    assignment.team,
    assignment.caseworker_id,
    case_fingerprints.case_fingerprint,
    period_fingerprints.period_fingerprint
from states
{{ join_case_assignment('states', 'states.snapshot_date') }}
left join case_fingerprints
    on states.municipality = case_fingerprints.municipality
    and states.case_id = case_fingerprints.case_id
left join period_fingerprints
    on states.snapshot_date = period_fingerprints.snapshot_date
