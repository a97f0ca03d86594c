"""A case counts at most one child-year a period: more child-years than cases is double counting."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KV

RULE = Rule(
    severity=CRITICAL,
    description="Placed child-years are not negative and never above the number of distinct "
    "cases of the municipality (or the district): a case counts at most one "
    "child-year per period.",
    sql="""WITH cases AS (
               SELECT municipality, district, case_id FROM silver_case_opened
               UNION ALL SELECT municipality, district, case_id FROM silver_case_transferred),
           by_municipality AS (SELECT municipality, count(DISTINCT case_id) AS cases
                               FROM cases GROUP BY ALL),
           by_district AS (SELECT municipality, district, count(DISTINCT case_id) AS cases
                           FROM cases GROUP BY ALL)
           SELECT k.kpi, k.period, k.municipality, k.district_group, k.district, k.breakdown,
                  k.value AS child_years,
                  coalesce(CASE WHEN k.district = 'all' THEN m.cases ELSE d.cases END, 0) AS cases
           FROM marts.kpi_values k
           LEFT JOIN by_municipality m ON m.municipality = k.municipality
           LEFT JOIN by_district d ON d.municipality = k.municipality AND d.district = k.district
           WHERE k.kpi = 'placed_child_years'
             AND (k.district <> 'all' OR k.district_group = 'all')
             AND (k.value < 0 OR k.value > coalesce(
                      CASE WHEN k.district = 'all' THEN m.cases ELSE d.cases END, 0) + 0.0001)""",
    requires=(*KV, "silver_case_opened", "silver_case_transferred"),
    fires=("more_child_years_than_cases",),
    passes=("clean",),
)
