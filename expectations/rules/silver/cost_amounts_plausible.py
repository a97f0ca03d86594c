"""A cost of 1e15 DKK is a typing error, not an expense: it is held out of expenditure and unit
costs and named, before dbt spreads it over days."""

from expectations.config import QualityConfig
from expectations.rules import CRITICAL, Rule

DAYS = "(date_diff('day', period_start, period_end) + 1)"


def _sql(config: QualityConfig) -> str:
    amount, per_day = config.band("cost_amount"), config.band("cost_per_day")
    return f"""SELECT event_id, case_id, measure_id, amount_dkk, period_start, period_end,
                      round(amount_dkk / {DAYS}, 2) AS dkk_per_day
               FROM visible_cost_booked
               WHERE {amount.outside("amount_dkk")}
                  OR (period_end >= period_start AND {per_day.outside(f"amount_dkk / {DAYS}")})"""


RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        f"A cost booking's amount_dkk is {c.band('cost_amount').text()} and, "
        f"spread over its period, {c.band('cost_per_day').text()} "
        "(plausibility_bands seed)."
    ),
    sql=_sql,
    requires=("visible_cost_booked",),
    holds=True,
    hold_reason="an implausible amount",
    fires=("cost_of_1e15_dkk", "a_day_at_a_million"),
    passes=("clean", "a_year_of_secure_institution"),
)
