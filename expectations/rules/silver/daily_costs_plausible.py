"""A measure's daily price outside its band would distort every cost KPI that prices days."""

from expectations.rules import CRITICAL, Rule

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        f"A ladder.moved daily_cost_dkk is {c.band('daily_cost').text()} (plausibility_bands seed)."
    ),
    sql=lambda c: (
        f"""SELECT event_id, case_id, measure_id, measure_type, daily_cost_dkk
                      FROM visible_ladder_moved
                      WHERE {c.band("daily_cost").outside("daily_cost_dkk")}"""
    ),
    requires=("visible_ladder_moved",),
    holds=True,
    hold_reason="an implausible daily cost",
    fires=("daily_cost_of_a_million",),
    passes=("clean", "no_daily_cost_given"),
)
