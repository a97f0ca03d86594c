"""A cost or a breakdown belongs to a measure: booked before the move that started it is
recorded, it would land in the wrong category (or none) and move later. It waits instead."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="Every cost.booked and placement.broke_down names a measure_id started by a "
    "ladder.moved of the same case.",
    sql="""WITH measure_events AS (
               SELECT event_id, event_type, municipality, case_id, measure_id
               FROM counting_cost_booked
               UNION ALL
               SELECT event_id, event_type, municipality, case_id, measure_id
               FROM counting_placement_broke_down)
           SELECT e.event_id, e.event_type, e.municipality, e.case_id, e.measure_id
           FROM measure_events e
           WHERE NOT EXISTS (SELECT 1 FROM counting_ladder_moved m
                             WHERE m.municipality = e.municipality AND m.case_id = e.case_id
                               AND m.measure_id = e.measure_id)""",
    requires=("counting_cost_booked", "counting_placement_broke_down", "counting_ladder_moved"),
    holds=True,
    hold_reason="waiting for the ladder.moved of its measure",
    stage=3,
    fires=("cost_on_unknown_measure", "breakdown_on_unknown_measure"),
    passes=("clean", "cost_recorded_before_its_move_both_by_as_of"),
)
