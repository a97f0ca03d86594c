-- Days each episode covers inside the elapsed part of each period (episode_end exclusive; an
-- episode counts up to and including T's date, var('as_of_date'), never beyond, even when a move
-- recorded by T ends it later). Whole days, so leap years and month lengths are exact; the
-- period's elapsed_days and days_in_year are carried along for child-years and person-years.
-- Only episodes that touch a period get a row.
with episodes as (

    select
        *,
        least(coalesce(episode_end, {{ as_of_date() }} + 1), {{ as_of_date() }} + 1)
            as covered_until
    from {{ ref('int_measure_episodes') }}

),

periods as (

    select * from {{ ref('int_periods') }}

)

select
    episodes.measure_episode_id,
    episodes.municipality,
    episodes.case_id,
    episodes.child_id,
    episodes.district,
    episodes.district_group,
    episodes.measure_type,
    episodes.step,
    episodes.placement_category,
    periods.period,
    periods.period_type,
    periods.period_start,
    periods.period_end,
    periods.period_complete,
    periods.days_in_period,
    periods.elapsed_days,
    periods.days_in_year,
    cast(
        {{ overlap_days(
            'episodes.episode_start', 'episodes.covered_until',
            'periods.period_start', 'periods.elapsed_end',
        ) }} as integer
    ) as days_covered
from episodes
inner join periods
    on episodes.episode_start <= periods.elapsed_end
    and episodes.covered_until > periods.period_start
