"""A part of a whole above 100 % is a broken model; the catalogue says which percentages are parts
of a whole (breakdown_rate and complaint_rate are per-100 ratios and may exceed 100)."""

from expectations.checks import sql_list
from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KEY, KV

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        "Percentages the KPI catalogue bounds are within 0-100 "
        f"({', '.join(c.bounded_percent_kpis) or 'none'})."
    ),
    sql=lambda c: (
        f"""SELECT {KEY}, numerator, denominator, value FROM marts.kpi_values
                      WHERE kpi IN {sql_list(c.bounded_percent_kpis or ("",))}
                        AND (value < 0 OR value > 100)"""
    ),
    requires=KV,
    fires=("compliance_of_112_percent",),
    passes=("clean", "breakdown_rate_above_100"),
)
