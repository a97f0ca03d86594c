-- The state of every open case on every period's last day (month ends, which include half-year
-- and year ends) up to the as-of date: its step on the ladder, 'assessment' when it has no
-- active measure but an investigation is open (decision.made investigation_opened, not yet
-- investigation_closed), else 'none'; plus its assignment on that day. A case is open on day d
-- when opened on or before d and not closed before d (docs/kpis.md, "case open in a period").
with  __dbt__cte__int_periods as (

-- Fixture for int_periods
select 
    
    cast('2015-10' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-10-01' as DATE)
 as "period_start", 
    
    cast('2015-10-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2015-11' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-11-01' as DATE)
 as "period_start", 
    
    cast('2015-11-30' as DATE)
 as "period_end", 
    
    cast('30' as INTEGER)
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
    
    cast('2016-01' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-01-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"
),  __dbt__cte__int_cases as (

-- Fixture for int_cases
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", 
    
    cast('K2' as character varying)
 as "child_id", cast(null as DATE) as "child_birth_date", 
    
    cast('2015-02-01' as DATE)
 as "opened_date", 
    
    cast('2015-12-15' as DATE)
 as "closed_date", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", 
    
    cast('K3' as character varying)
 as "child_id", cast(null as DATE) as "child_birth_date", 
    
    cast('2015-10-01' as DATE)
 as "opened_date", 
    
    cast(null as DATE)
 as "closed_date", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
),  __dbt__cte__stg_decision_made as (

-- Fixture for stg_decision_made
select 
    
    cast('D1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-10-02 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-10-02' as DATE)
 as "occurred_date", 
    
    cast('2015-10-02 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", cast(null as character varying(256)) as "decision_id", 
    
    cast('investigation_opened' as character varying)
 as "kind", cast(null as character varying(256)) as "legal_basis", cast(null as character varying(256)) as "measure_id"
),  __dbt__cte__int_measure_episodes as (

-- Fixture for int_measure_episodes
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast('3' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-02-01' as DATE)
 as "episode_start", 
    
    cast('2015-11-30' as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('1' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-02-01' as DATE)
 as "valid_from", 
    
    cast('0001-01-01' as DATE)
 as "effective_from", 
    
    cast(null as DATE)
 as "valid_to", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('children' as character varying)
 as "team", 
    
    cast('W2' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('1' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-10-01' as DATE)
 as "valid_from", 
    
    cast('0001-01-01' as DATE)
 as "effective_from", 
    
    cast(null as DATE)
 as "valid_to", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('youth' as character varying)
 as "team", 
    
    cast('W2' as character varying)
 as "caseworker_id"
), snapshot_dates as (

    select distinct period_end as snapshot_date
    from __dbt__cte__int_periods
    where period_end <= cast('2016-01-10' as date)

),

open_cases as (

    select
        cases.municipality,
        cases.case_id,
        cases.child_id,
        snapshot_dates.snapshot_date
    from __dbt__cte__int_cases as cases
    inner join snapshot_dates
        on cases.opened_date <= snapshot_dates.snapshot_date
        and (cases.closed_date is null or cases.closed_date >= snapshot_dates.snapshot_date)

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
    from __dbt__cte__stg_decision_made
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
    left join __dbt__cte__int_measure_episodes as episodes
        on open_cases.municipality = episodes.municipality
        and open_cases.case_id = episodes.case_id
        and episodes.episode_start <= open_cases.snapshot_date
        and (episodes.episode_end is null or episodes.episode_end > open_cases.snapshot_date)
    left join investigation_decisions
        on open_cases.municipality = investigation_decisions.municipality
        and open_cases.case_id = investigation_decisions.case_id
        and investigation_decisions.valid_from <= open_cases.snapshot_date
        and (investigation_decisions.valid_to is null or investigation_decisions.valid_to > open_cases.snapshot_date)

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
    coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group,
    assignment.team,
    assignment.caseworker_id
from states
left join __dbt__cte__int_case_assignments as assignment
    on states.municipality = assignment.municipality
    and states.case_id = assignment.case_id
    and states.snapshot_date >= assignment.effective_from
    and (assignment.valid_to is null or states.snapshot_date < assignment.valid_to)