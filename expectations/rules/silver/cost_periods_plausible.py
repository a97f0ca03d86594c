"""A booking for 2015-2199 is spread over 67,000 days by dbt: held before it is, with its
period named. Duration and distance from the booking date both have bands."""

from expectations.config import QualityConfig
from expectations.rules import CRITICAL, Rule


def _sql(config: QualityConfig) -> str:
    days, end = config.band("cost_period_days"), config.band("cost_period_end_after_booking")
    return f"""SELECT event_id, case_id, occurred_date AS booked_on, period_start, period_end,
                      date_diff('day', period_start, period_end) + 1 AS period_days
               FROM visible_cost_booked
               WHERE (period_end >= period_start
                      AND {days.outside("date_diff('day', period_start, period_end) + 1")})
                  OR {end.outside("date_diff('day', occurred_date, period_end)")}"""


RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        f"A cost booking's period lasts {c.band('cost_period_days').text()} "
        "and ends "
        f"{c.band('cost_period_end_after_booking').text()} after the booking "
        "(plausibility_bands seed)."
    ),
    sql=_sql,
    requires=("visible_cost_booked",),
    holds=True,
    hold_reason="an implausible cost period",
    fires=("period_ending_in_2199", "period_of_three_years"),
    passes=("clean", "a_full_leap_year"),
)
