-- The dbt intermediate contract (docs/architecture.md): one row per primary-measure episode, from
-- the ladder.moved that starts it (inclusive) to the case's next move (exclusive), or open.
-- A move with to_step null (leaving all measures) only ends an episode.
-- Choice: an episode is not cut at case.closed; a closed case whose child is still on a measure
-- keeps counting until a move ends it (the definition in docs/kpis.md ends episodes only at moves).
select
    event_id as measure_episode_id,
    municipality,
    case_id,
    child_id,
    district,
    district_group,
    team,
    measure_id,
    measure_type,
    cast(to_step as integer) as step,
    placement_category,
    short_term,
    occurred_date as episode_start,
    next_move_date as episode_end,
    next_move_reason as end_reason,
    child_birth_date
from "staging"."main"."int_ladder_moves"
where to_step is not null