-- One row per follow-up held (as of), with the episode of its measure it belongs to and the
-- measure's next follow-up. A follow-up belongs to the latest episode of the same case and
-- measure that started on or before its date; episode columns are null when there is none
-- (a follow-up of a measure the ladder never started: reported by a warn test).

with  __dbt__cte__stg_followup_held as (

-- Fixture for stg_followup_held
select 
    
    cast('F2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-03-05 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-03-05' as DATE)
 as "occurred_date", 
    
    cast('2015-03-05 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
union all
select 
    
    cast('F1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-01-10 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-01-10' as DATE)
 as "occurred_date", 
    
    cast('2015-03-06 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
union all
select 
    
    cast('F0' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2014-12-31 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2014-12-31' as DATE)
 as "occurred_date", 
    
    cast('2014-12-31 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
union all
select 
    
    cast('F3' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-01-10 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-01-10' as DATE)
 as "occurred_date", 
    
    cast('2015-01-10 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M9' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
),  __dbt__cte__int_measure_episodes as (

-- Fixture for int_measure_episodes
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast(5 as INTEGER)
 as "step", 
    
    cast('institution' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-01-01' as DATE)
 as "episode_start", 
    
    cast('2015-03-01' as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
union all
select 
    
    cast('E2' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast(4 as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-03-01' as DATE)
 as "episode_start", 
    
    cast(null as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
), followups as (
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
    from __dbt__cte__stg_followup_held
),

episodes as (
    select * from __dbt__cte__int_measure_episodes
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