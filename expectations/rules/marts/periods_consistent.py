"""A period label that disagrees with its dates puts a number in the wrong column."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KEY, KV, LABEL, STEP

RULE = Rule(
    severity=CRITICAL,
    description="period, period_type, period_start and period_end describe the same calendar "
    "period.",
    sql=f"""SELECT {KEY}, period_type, period_start, period_end FROM marts.kpi_values
            WHERE period_type NOT IN ('year', 'half_year', 'month')
               OR period IS DISTINCT FROM {LABEL}
               OR day(period_start) <> 1
               OR (period_type = 'year' AND month(period_start) <> 1)
               OR (period_type = 'half_year' AND month(period_start) NOT IN (1, 7))
               OR period_end IS DISTINCT FROM (period_start + {STEP} - INTERVAL 1 DAY)::DATE""",
    requires=KV,
    fires=("month_labelled_with_the_wrong_dates",),
    passes=("clean",),
)
