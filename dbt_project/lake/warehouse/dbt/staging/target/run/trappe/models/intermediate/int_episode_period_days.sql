
    

    create  table
      "staging"."main"."int_episode_period_days__dbt_tmp"
  
    
    as (
      -- Days each episode covers inside each period (episode_end exclusive; an open episode counts up
-- to and including the as-of date). child_years = days_covered / days_in_period, so leap years
-- and month lengths are exact. Only episodes that touch the period get a row.
with episodes as (

    select
        *,
        coalesce(episode_end, cast('2017-04-11' as date) + 1) as covered_until
    from "staging"."main"."int_measure_episodes"

),

periods as (

    select * from "staging"."main"."int_periods"

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
    periods.days_in_period,
    cast(greatest(0, datediff('day', greatest(episodes.episode_start, periods.period_start), least(episodes.covered_until, periods.period_end + 1))) as integer) as days_covered
from episodes
inner join periods
    on episodes.episode_start <= periods.period_end
    and episodes.covered_until > periods.period_start
    );
    
  