"""A missing month reads as zero on a chart: the spine must have no gaps."""

from expectations.checks import sql_list
from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KV, LABEL, STEP

RULE = Rule(
    severity=CRITICAL,
    description=lambda c: (
        f"No gaps in the period spine of {', '.join(c.spine_kpis)}: every "
        "month, half-year and year between the first and the last present, "
        "per municipality."
    ),
    sql=lambda c: (
        f"""WITH present AS (
                SELECT DISTINCT kpi, municipality, period_type, period_start
                FROM marts.kpi_values
                WHERE kpi IN {sql_list(c.spine_kpis)} AND district_group = 'all'
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
            ORDER BY ALL"""
    ),
    requires=KV,
    unit="periods",
    fires=("april_missing",),
    passes=("clean",),
)
