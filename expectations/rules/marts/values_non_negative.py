"""Counts, child-years, costs and rates cannot be negative: one that is means a broken model."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KEY, KV

RULE = Rule(
    severity=CRITICAL,
    description="No KPI value, numerator or denominator is negative (counts, child-years, costs, "
    "rates).",
    sql=f"""SELECT {KEY}, numerator, denominator, value FROM marts.kpi_values
            WHERE value < 0 OR numerator < 0 OR denominator < 0""",
    requires=KV,
    fires=("negative_expenditure",),
    passes=("clean",),
)
