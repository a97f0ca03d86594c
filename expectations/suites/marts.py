"""Marts: the numbers management reads, checked before anyone can see them."""

from __future__ import annotations

from expectations.checks import CRITICAL, WARNING, Check, sql_list
from expectations.config import QualityConfig

PLACEMENT_CATEGORIES = ("institution", "family_foster_care", "home_based_placement")
KEY = "kpi, period, municipality, district_group, district, breakdown"
STEP = (
    "CASE period_type WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'half_year' THEN INTERVAL 6 MONTH "
    "ELSE INTERVAL 1 YEAR END"
)
LABEL = (
    "CASE period_type WHEN 'year' THEN strftime(period_start, '%Y') "
    "WHEN 'half_year' THEN strftime(period_start, '%Y') || 'H' || "
    "CASE WHEN month(period_start) <= 6 THEN '1' ELSE '2' END "
    "WHEN 'month' THEN strftime(period_start, '%Y-%m') END"
)


def checks(config: QualityConfig) -> list[Check]:
    low, high = config.unit_cost_band_dkk
    catalogue = "'" + str(config.kpi_catalogue_seed).replace("'", "''") + "'"
    kv = ("marts.kpi_values",)
    return [
        Check(
            "marts.kpi_values_not_empty",
            CRITICAL,
            "The kpi_values mart holds rows.",
            "SELECT 'kpi_values' AS table_name WHERE (SELECT count(*) FROM marts.kpi_values) = 0",
            requires=kv,
            unit="tables",
        ),
        Check(
            "marts.kpi_key_unique",
            CRITICAL,
            "One row per kpi, period, municipality, district group, district and breakdown.",
            f"SELECT {KEY}, count(*) AS copies FROM marts.kpi_values GROUP BY ALL HAVING count(*) > 1",
            requires=kv,
            unit="keys",
        ),
        Check(
            "marts.kpi_known",
            WARNING,
            "Every kpi code is in the KPI catalogue (the export contract).",
            f"""SELECT kpi, count(*) AS rows FROM marts.kpi_values
                WHERE kpi NOT IN (SELECT kpi FROM read_csv({catalogue}, header = true,
                                                           all_varchar = true))
                GROUP BY ALL""",
            requires=kv,
            unit="kpis",
        ),
        Check(
            "marts.periods_consistent",
            CRITICAL,
            "period, period_type, period_start and period_end describe the same calendar period.",
            f"""SELECT {KEY}, period_type, period_start, period_end FROM marts.kpi_values
                WHERE period_type NOT IN ('year', 'half_year', 'month')
                   OR period IS DISTINCT FROM {LABEL}
                   OR day(period_start) <> 1
                   OR (period_type = 'year' AND month(period_start) <> 1)
                   OR (period_type = 'half_year' AND month(period_start) NOT IN (1, 7))
                   OR period_end IS DISTINCT FROM (period_start + {STEP} - INTERVAL 1 DAY)::DATE""",
            requires=kv,
        ),
        Check(
            "marts.values_non_negative",
            CRITICAL,
            "No KPI value, numerator or denominator is negative (counts, child-years, costs, rates).",
            f"""SELECT {KEY}, numerator, denominator, value FROM marts.kpi_values
                WHERE value < 0 OR numerator < 0 OR denominator < 0""",
            requires=kv,
        ),
        Check(
            "marts.rates_within_0_100",
            CRITICAL,
            "Percentages the KPI catalogue bounds are within 0-100 "
            f"({', '.join(config.bounded_percent_kpis) or 'none'}).",
            f"""SELECT {KEY}, numerator, denominator, value FROM marts.kpi_values
                WHERE kpi IN {sql_list(config.bounded_percent_kpis or ("",))}
                  AND (value < 0 OR value > 100)""",
            requires=kv,
        ),
        Check(
            "marts.shares_sum_to_100",
            CRITICAL,
            f"Shares ({', '.join(config.share_kpis)}) of one kpi, period and geography add up to "
            f"100 % (± {config.share_tolerance:g}), by category and by measure type.",
            f"""SELECT kpi, period, municipality, district_group, district,
                       CASE WHEN breakdown IN {sql_list(PLACEMENT_CATEGORIES)} THEN 'category'
                            ELSE 'measure_type' END AS breakdown_kind,
                       round(sum(value), 4) AS share_sum, count(*) AS shares
                FROM marts.kpi_values
                WHERE kpi IN {sql_list(config.share_kpis)} AND breakdown <> 'all'
                GROUP BY ALL
                HAVING bool_or(coalesce(denominator, 0) > 0)
                   AND abs(sum(value) - 100) > {float(config.share_tolerance)}""",
            requires=kv,
            unit="groups",
        ),
        Check(
            "marts.child_years_within_cases",
            CRITICAL,
            "Placed child-years are not negative and never above the number of distinct cases of "
            "the municipality (or the district): a case counts at most one child-year per period.",
            """WITH cases AS (
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
            requires=(*kv, "silver_case_opened", "silver_case_transferred"),
        ),
        Check(
            "marts.period_spine_complete",
            CRITICAL,
            f"No gaps in the period spine of {', '.join(config.spine_kpis)}: every month, "
            "half-year and year between the first and the last present, per municipality.",
            f"""WITH present AS (
                    SELECT DISTINCT kpi, municipality, period_type, period_start
                    FROM marts.kpi_values
                    WHERE kpi IN {sql_list(config.spine_kpis)} AND district_group = 'all'
                      AND district = 'all' AND breakdown = 'all'),
                bounds AS (SELECT kpi, municipality, period_type, min(period_start) AS first_start,
                                  max(period_start) AS last_start FROM present GROUP BY ALL),
                expected AS (
                    SELECT kpi, municipality, period_type,
                           unnest(generate_series(first_start::TIMESTAMP, last_start::TIMESTAMP,
                                                  {STEP}))::DATE AS period_start
                    FROM bounds)
                SELECT kpi, municipality, period_type, {LABEL} AS missing_period
                FROM expected ANTI JOIN present USING (kpi, municipality, period_type, period_start)
                ORDER BY ALL""",
            requires=kv,
            unit="periods",
        ),
        Check(
            "marts.unit_cost_plausible",
            WARNING,
            f"{config.unit_cost_kpi}, annualised, lies within {low:,.0f}-{high:,.0f} DKK a year "
            f"where the category has at least {config.unit_cost_min_child_years:g} child-years. "
            "A period's child-years are its average number of children, so a month's unit cost "
            "is about a twelfth of a year's: values are scaled by 365.25 / days in the period.",
            f"""SELECT {KEY}, numerator, denominator, value, annual_value
                FROM (SELECT *, value * 365.25 / (date_diff('day', period_start, period_end) + 1)
                                AS annual_value
                      FROM marts.kpi_values
                      WHERE kpi = '{config.unit_cost_kpi}'
                        AND denominator >= {float(config.unit_cost_min_child_years)})
                WHERE annual_value < {float(low)} OR annual_value > {float(high)}""",
            requires=kv,
        ),
        Check(
            "marts.stable_since_last_published",
            WARNING,
            f"Closed periods move by at most {config.jump_relative:.0%} (and "
            f"{config.jump_absolute_min:g}) against the previous published build; the latest "
            "period of each period type is still filling and is not compared.",
            f"""WITH latest AS (SELECT kpi, municipality, period_type,
                                       max(period_start) AS open_start
                                FROM prev.kpi_values GROUP BY ALL)
                SELECT {", ".join("s." + c.strip() for c in KEY.split(","))},
                       p.value AS published_value, s.value AS new_value
                FROM marts.kpi_values s
                JOIN prev.kpi_values p USING ({KEY})
                JOIN latest l ON l.kpi = p.kpi AND l.municipality = p.municipality
                             AND l.period_type = p.period_type
                WHERE p.period_start < l.open_start
                  AND abs(coalesce(s.value, 0) - coalesce(p.value, 0)) > greatest(
                      {float(config.jump_relative)} * abs(coalesce(p.value, 0)),
                      {float(config.jump_absolute_min)})""",
            requires=kv,
            applies_if=("prev.kpi_values",),
        ),
    ]
