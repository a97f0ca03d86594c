"""Shares of one whole that do not add up to it mean a category was lost or counted twice."""

from expectations.checks import sql_list
from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KV, PLACEMENT_CATEGORIES

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        f"Shares ({', '.join(c.share_kpis)}) of one kpi, period and geography "
        f"add up to 100 % (± {c.share_tolerance:g}), by category and by "
        "measure type."
    ),
    sql=lambda c: (
        f"""SELECT kpi, period, municipality, district_group, district,
                   CASE WHEN breakdown IN {sql_list(PLACEMENT_CATEGORIES)} THEN 'category'
                        ELSE 'measure_type' END AS breakdown_kind,
                   round(sum(value), 4) AS share_sum, count(*) AS shares
            FROM marts.kpi_values
            WHERE kpi IN {sql_list(c.share_kpis)} AND breakdown <> 'all'
            GROUP BY ALL
            HAVING bool_or(coalesce(denominator, 0) > 0)
               AND abs(sum(value) - 100) > {float(c.share_tolerance)}"""
    ),
    requires=KV,
    unit="groups",
    fires=("institution_share_of_70_percent",),
    passes=("clean",),
)
