"""A step outside the ladder has no place in the step KPIs: held."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="ladder.moved from_step and to_step are 0-5 (or null on entry / exit).",
    sql="""SELECT event_id, case_id, from_step, to_step FROM visible_ladder_moved
           WHERE from_step NOT BETWEEN 0 AND 5 OR to_step NOT BETWEEN 0 AND 5""",
    requires=("visible_ladder_moved",),
    holds=True,
    hold_reason="a step outside 0-5",
    fires=("to_step_7", "from_step_minus_1"),
    passes=("clean", "exit_move_with_null_to_step"),
)
