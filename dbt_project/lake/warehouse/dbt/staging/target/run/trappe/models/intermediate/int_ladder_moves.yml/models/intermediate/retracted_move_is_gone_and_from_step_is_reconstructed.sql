
    -- Build actual result given inputs
with dbt_internal_unit_test_actual as (
  select
    "event_id","from_step","to_step","move_label","placement_category","next_move_date", 'actual' as "actual_or_expected"
  from (
    -- Every counted ladder.moved in case order (occurred_at, then recorded_at), with the step it
-- left as reconstructed from the case's previous move (not the reported from_step, so a
-- retracted move is really gone), the next move that ends the measure it starts, the measure
-- type's step and placement category (seed measure_types), and the case's assignment on the day.
with  __dbt__cte__stg_ladder_moved as (

-- Fixture for stg_ladder_moved
select 
    
    cast('L3' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M3' as character varying)
 as "measure_id", 
    
    cast('5' as INTEGER)
 as "from_step", 
    
    cast('4' as INTEGER)
 as "to_step", 
    
    cast('foster_family' as character varying)
 as "measure_type", cast(null as character varying(256)) as "provider_id", cast(null as DOUBLE) as "daily_cost_dkk", cast(null as BOOLEAN) as "short_term", 
    
    cast('planned' as character varying)
 as "reason"
union all
select 
    
    cast('L1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-01-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-01-01' as DATE)
 as "occurred_date", 
    
    cast('2015-01-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", 
    
    cast(null as INTEGER)
 as "from_step", 
    
    cast('3' as INTEGER)
 as "to_step", 
    
    cast('network_foster_care' as character varying)
 as "measure_type", cast(null as character varying(256)) as "provider_id", cast(null as DOUBLE) as "daily_cost_dkk", cast(null as BOOLEAN) as "short_term", 
    
    cast('escalation' as character varying)
 as "reason"
union all
select 
    
    cast('L4' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-09-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-09-01' as DATE)
 as "occurred_date", 
    
    cast('2015-09-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M3' as character varying)
 as "measure_id", 
    
    cast('4' as INTEGER)
 as "from_step", 
    
    cast(null as INTEGER)
 as "to_step", 
    
    cast('foster_family' as character varying)
 as "measure_type", cast(null as character varying(256)) as "provider_id", cast(null as DOUBLE) as "daily_cost_dkk", cast(null as BOOLEAN) as "short_term", 
    
    cast('goal_reached' as character varying)
 as "reason"
),  __dbt__cte__measure_types as (

-- Fixture for measure_types
select 
    
    cast('foster_family' as character varying)
 as "measure_type", 
    
    cast('4' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category"
union all
select 
    
    cast('residential_institution' as character varying)
 as "measure_type", 
    
    cast('5' as INTEGER)
 as "step", 
    
    cast('institution' as character varying)
 as "placement_category"
union all
select 
    
    cast('own_room' as character varying)
 as "measure_type", 
    
    cast('2' as INTEGER)
 as "step", 
    
    cast('home_based_placement' as character varying)
 as "placement_category"
union all
select 
    
    cast('preventive_measure' as character varying)
 as "measure_type", 
    
    cast('1' as INTEGER)
 as "step", 
    
    cast(null as character varying(256))
 as "placement_category"
union all
select 
    
    cast('network_foster_care' as character varying)
 as "measure_type", 
    
    cast('3' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category"
),  __dbt__cte__int_cases as (

-- Fixture for int_cases
select cast(null as character varying(256)) as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", cast(null as DATE) as "child_birth_date", cast(null as DATE) as "opened_date", cast(null as DATE) as "closed_date", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
    limit 0
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select cast(null as character varying(256)) as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "assignment_event_id", cast(null as BIGINT) as "assignment_seq", cast(null as DATE) as "valid_from", cast(null as DATE) as "effective_from", cast(null as DATE) as "valid_to", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
    limit 0
), moves as (

    select * from __dbt__cte__stg_ladder_moved

),

measure_types as (

    select measure_type, cast(step as integer) as step, placement_category
    from __dbt__cte__measure_types

),

stepped as (

    -- to_step null means the child leaves all measures, whatever measure_type says
    select
        moves.* exclude (to_step),
        case when moves.to_step is not null then coalesce(measure_types.step, moves.to_step) end as to_step,
        case when moves.to_step is not null then measure_types.placement_category end as placement_category
    from moves
    left join measure_types
        on moves.measure_type = measure_types.measure_type

),

sequenced as (

    select
        moves.*,
        row_number() over case_moves as move_seq,
        lag(moves.to_step) over case_moves as previous_step,
        lead(moves.occurred_date) over case_moves as next_move_date,
        lead(moves.reason) over case_moves as next_move_reason
    from stepped as moves
    window case_moves as (partition by moves.municipality, moves.case_id order by moves.occurred_at, moves.recorded_at, moves.event_id)

)

select
    sequenced.event_id,
    sequenced.municipality,
    sequenced.case_id,
    coalesce(cases.child_id, sequenced.child_id) as child_id,
    sequenced.occurred_at,
    sequenced.occurred_date,
    sequenced.recorded_at,
    sequenced.move_seq,
    sequenced.measure_id,
    sequenced.measure_type,
    sequenced.to_step,
    sequenced.previous_step as from_step,
    coalesce(cast(sequenced.previous_step as varchar), 'entry')
        || '>' || coalesce(cast(sequenced.to_step as varchar), 'exit') as move_label,
    sequenced.placement_category,
    coalesce(sequenced.short_term, false) as short_term,
    sequenced.reason,
    sequenced.next_move_date,
    sequenced.next_move_reason,
    cases.child_birth_date,
    coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group,
    assignment.team
from sequenced
left join __dbt__cte__int_cases as cases
    on sequenced.municipality = cases.municipality
    and sequenced.case_id = cases.case_id
left join __dbt__cte__int_case_assignments as assignment
    on sequenced.municipality = assignment.municipality
    and sequenced.case_id = assignment.case_id
    and sequenced.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or sequenced.occurred_date < assignment.valid_to)
  ) _dbt_internal_unit_test_actual
),
-- Build expected result
dbt_internal_unit_test_expected as (
  select
    "event_id", "from_step", "to_step", "move_label", "placement_category", "next_move_date", 'expected' as "actual_or_expected"
  from (
    select 
    
    cast('L3' as character varying)
 as "event_id", 
    
    cast('3' as INTEGER)
 as "from_step", 
    
    cast('4' as INTEGER)
 as "to_step", 
    
    cast('3>4' as character varying)
 as "move_label", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", 
    
    cast('2015-09-01' as DATE)
 as "next_move_date"
union all
select 
    
    cast('L1' as character varying)
 as "event_id", 
    
    cast(null as INTEGER)
 as "from_step", 
    
    cast('3' as INTEGER)
 as "to_step", 
    
    cast('entry>3' as character varying)
 as "move_label", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", 
    
    cast('2015-06-01' as DATE)
 as "next_move_date"
union all
select 
    
    cast('L4' as character varying)
 as "event_id", 
    
    cast('4' as INTEGER)
 as "from_step", 
    
    cast(null as INTEGER)
 as "to_step", 
    
    cast('4>exit' as character varying)
 as "move_label", 
    
    cast(null as character varying(256))
 as "placement_category", 
    
    cast(null as DATE)
 as "next_move_date"
  ) _dbt_internal_unit_test_expected
)
-- Union actual and expected results
select * from dbt_internal_unit_test_actual
union all
select * from dbt_internal_unit_test_expected