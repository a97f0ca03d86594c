-- Days each episode covers inside each period (episode_end exclusive; an open episode counts up
-- to and including the as-of date). child_years = days_covered / days_in_period, so leap years
-- and month lengths are exact. Only episodes that touch the period get a row.
with  __dbt__cte__int_measure_episodes as (

-- Fixture for int_measure_episodes
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('institution' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-12-01' as DATE)
 as "episode_start", 
    
    cast('2016-03-01' as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
union all
select 
    
    cast('E2' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2016-02-15' as DATE)
 as "episode_start", 
    
    cast(null as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
),  __dbt__cte__int_periods as (

-- Fixture for int_periods
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('365' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2015-12' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-12-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2016-02' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-02-01' as DATE)
 as "period_start", 
    
    cast('2016-02-29' as DATE)
 as "period_end", 
    
    cast('29' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2016-03' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-03-01' as DATE)
 as "period_start", 
    
    cast('2016-03-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"
), episodes as (

    select
        *,
        coalesce(episode_end, cast('2016-02-20' as date) + 1) as covered_until
    from __dbt__cte__int_measure_episodes

),

periods as (

    select * from __dbt__cte__int_periods

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