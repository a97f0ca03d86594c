"""A unit cost outside what a placement can cost is implausible but not impossible (a small
category, a year of back-payments): flagged for review."""

from expectations.rules import WARNING, Rule
from expectations.rules.marts._sql import KEY, KV


def _description(c) -> str:
    low, high = c.unit_cost_band_dkk
    return (
        f"{c.unit_cost_kpi}, annualised, lies within {low:,.0f}-{high:,.0f} DKK a year "
        f"where the category has at least {c.unit_cost_min_child_years:g} child-years. "
        "A period's child-years are its average number of children, so a month's unit cost "
        "is about a twelfth of a year's: values are scaled by 365.25 / days in the period."
    )


RULE = Rule(
    severity=WARNING,
    description=_description,
    sql=lambda c: (
        f"""SELECT {KEY}, numerator, denominator, value, annual_value
            FROM (SELECT *, value * 365.25 / (date_diff('day', period_start, period_end) + 1)
                            AS annual_value
                  FROM marts.kpi_values
                  WHERE kpi = '{c.unit_cost_kpi}'
                    AND denominator >= {float(c.unit_cost_min_child_years)})
            WHERE annual_value < {float(c.unit_cost_band_dkk[0])}
               OR annual_value > {float(c.unit_cost_band_dkk[1])}"""
    ),
    requires=KV,
    fires=("unit_cost_of_9_5_million",),
    passes=("clean", "unit_cost_below_one_child_year_not_judged"),
)
