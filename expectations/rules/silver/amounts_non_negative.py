"""A negative cost is a booking error, not a refund the KPIs know how to read: held."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description="cost.booked amount_dkk and ladder.moved daily_cost_dkk are not negative.",
    sql="""SELECT event_id, case_id, 'cost.booked' AS event_type, amount_dkk AS amount
           FROM visible_cost_booked WHERE amount_dkk < 0
           UNION ALL
           SELECT event_id, case_id, 'ladder.moved', daily_cost_dkk
           FROM visible_ladder_moved WHERE daily_cost_dkk < 0""",
    requires=("visible_cost_booked", "visible_ladder_moved"),
    holds=True,
    hold_reason="a negative amount",
    fires=("negative_cost", "negative_daily_cost"),
    passes=("clean", "zero_cost"),
)
