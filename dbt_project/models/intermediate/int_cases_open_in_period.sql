-- Cases open in each period: opened on or before the period's last elapsed day (its last day, or
-- T's date in an incomplete period) and not closed before its first day (docs/kpis.md). Choice: a
-- case counts in the district and team it has on the last day of the period it was open (its
-- closing day, or the last elapsed day, when earlier). Incremental by case and period
-- (macros/incremental.sql).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_stale_rows(['cases', 'assignments'], 'period') }}",
) }}

with periods as (

    select * from {{ ref('int_periods') }}

),

cases as (

    select * from {{ ref('int_cases') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

{{ incremental_scope(['cases', 'assignments'], 'period') }}

case_periods as (

    {{ case_period_pairs(
        'cases', 'periods', 'period',
        'cases.opened_date <= periods.elapsed_end
            and (cases.closed_date is null or cases.closed_date >= periods.period_start)',
    ) }}

),

open_in_period as (

    select
        municipality,
        case_id,
        child_id,
        period,
        period_type,
        period_start,
        period_end,
        period_complete,
        least(elapsed_end, coalesce(closed_date, elapsed_end)) as attributed_date
    from case_periods

)

select
    open_in_period.*,
    {{ assignment_geography() }},
    assignment.team,
    case_fingerprints.case_fingerprint,
    period_fingerprints.period_fingerprint
from open_in_period
{{ join_case_assignment('open_in_period', 'open_in_period.attributed_date') }}
left join case_fingerprints
    on open_in_period.municipality = case_fingerprints.municipality
    and open_in_period.case_id = case_fingerprints.case_id
left join period_fingerprints
    on open_in_period.period = period_fingerprints.period
