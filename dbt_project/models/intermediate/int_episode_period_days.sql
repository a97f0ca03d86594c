-- Days each episode covers inside the elapsed part of each period (episode_end exclusive; an
-- episode counts up to and including T's date, var('as_of_date'), never beyond, even when a move
-- recorded by T ends it later). Whole days, so leap years and month lengths are exact; the
-- period's elapsed_days and days_in_year are carried along for child-years and person-years.
-- Only episodes that touch a period get a row. Incremental by case and period
-- (macros/incremental.sql): T only moves the incomplete periods, whose definition changes.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_stale_rows(['measure_episodes'], 'period') }}",
) }}

with episodes as (

    select
        *,
        least(coalesce(episode_end, {{ as_of_date() }} + 1), {{ as_of_date() }} + 1)
            as covered_until
    from {{ ref('int_measure_episodes') }}

),

periods as (

    select * from {{ ref('int_periods') }}

),

{{ incremental_scope(['measure_episodes'], 'period') }}

episode_periods as (

    {{ case_period_pairs(
        'episodes', 'periods', 'period',
        'episodes.episode_start <= periods.elapsed_end
            and episodes.covered_until > periods.period_start',
    ) }}

)

select
    episode_periods.measure_episode_id,
    episode_periods.municipality,
    episode_periods.case_id,
    episode_periods.child_id,
    episode_periods.district,
    episode_periods.district_group,
    episode_periods.measure_type,
    episode_periods.step,
    episode_periods.placement_category,
    episode_periods.period,
    episode_periods.period_type,
    episode_periods.period_start,
    episode_periods.period_end,
    episode_periods.period_complete,
    episode_periods.days_in_period,
    episode_periods.elapsed_days,
    episode_periods.days_in_year,
    cast(
        {{ overlap_days(
            'episode_periods.episode_start', 'episode_periods.covered_until',
            'episode_periods.period_start', 'episode_periods.elapsed_end',
        ) }} as integer
    ) as days_covered,
    case_fingerprints.case_fingerprint,
    period_fingerprints.period_fingerprint
from episode_periods
left join case_fingerprints
    on episode_periods.municipality = case_fingerprints.municipality
    and episode_periods.case_id = case_fingerprints.case_id
left join period_fingerprints
    on episode_periods.period = period_fingerprints.period
