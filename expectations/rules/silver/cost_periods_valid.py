"""A booking whose period ends before it starts cannot be spread over days: held."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="A cost booking's period_end is not before its period_start.",
    sql="""SELECT event_id, case_id, period_start, period_end FROM visible_cost_booked
           WHERE period_end < period_start""",
    requires=("visible_cost_booked",),
    holds=True,
    hold_reason="period_end before period_start",
    fires=("period_ends_before_it_starts",),
    passes=("clean", "one_day_period"),
)
