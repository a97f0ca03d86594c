"""A follow-up can only count against its measure's schedule once the move that started the
measure is in: until then it waits in the quarantine."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="Every follow-up names a measure_id started by a ladder.moved of the same case.",
    sql="""SELECT f.event_id, f.municipality, f.case_id, f.measure_id
           FROM counting_followup_held f
           WHERE NOT EXISTS (SELECT 1 FROM counting_ladder_moved m
                             WHERE m.municipality = f.municipality AND m.case_id = f.case_id
                               AND m.measure_id = f.measure_id)""",
    requires=("counting_followup_held", "counting_ladder_moved"),
    holds=True,
    hold_reason="waiting for the ladder.moved of its measure",
    stage=3,
    fires=("followup_on_unknown_measure", "followup_whose_move_is_held"),
    passes=("clean", "move_recorded_after_the_followup"),
)
