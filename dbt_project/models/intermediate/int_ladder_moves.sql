-- Every counted ladder.moved in case order (occurred_at, then recorded_at), with the step it
-- left as reconstructed from the case's previous move (not the reported from_step, so a
-- retracted move is really gone), the next move that ends the measure it starts, the measure
-- type's step and placement category (seed measure_types), and the case's assignment on the day.
with moves as (

    select * from {{ ref('stg_ladder_moved') }}

),

cases as (

    select * from {{ ref('int_cases') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

measure_types as (

    select
        measure_type,
        cast(step as integer) as step,
        placement_category
    from {{ ref('measure_types') }}

),

stepped as (

    -- to_step null means the child leaves all measures, whatever measure_type says
    select
        moves.* exclude (to_step),
        case when moves.to_step is not null then coalesce(measure_types.step, moves.to_step) end
            as to_step,
        case when moves.to_step is not null then measure_types.placement_category end
            as placement_category
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
    window
        case_moves as (
            partition by moves.municipality, moves.case_id
            order by moves.occurred_at, moves.recorded_at, moves.event_id
        )

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
    {{ assignment_geography() }},
    assignment.team
from sequenced
left join cases
    on sequenced.municipality = cases.municipality
    and sequenced.case_id = cases.case_id
{{ join_case_assignment('sequenced', 'sequenced.occurred_date') }}
