"""A closed period that moves a lot since the last publish may be a late correction or a bug:
flagged so someone reads it before management does."""

from expectations.rules import WARNING, Rule
from expectations.rules.marts._sql import KEY, KV

RULE = Rule(
    severity=WARNING,
    description=lambda c: (
        f"Closed periods move by at most {c.jump_relative:.0%} (and "
        f"{c.jump_absolute_min:g}) against the previous published build; the "
        "latest period of each period type is still filling and is not "
        "compared."
    ),
    sql=lambda c: (
        f"""WITH latest AS (SELECT kpi, municipality, period_type,
                                   max(period_start) AS open_start
                            FROM prev.kpi_values GROUP BY ALL)
            SELECT {", ".join("s." + k.strip() for k in KEY.split(","))},
                   p.value AS published_value, s.value AS new_value
            FROM marts.kpi_values s
            JOIN prev.kpi_values p USING ({KEY})
            JOIN latest l ON l.kpi = p.kpi AND l.municipality = p.municipality
                         AND l.period_type = p.period_type
            WHERE p.period_start < l.open_start
              AND abs(coalesce(s.value, 0) - coalesce(p.value, 0)) > greatest(
                  {float(c.jump_relative)} * abs(coalesce(p.value, 0)),
                  {float(c.jump_absolute_min)})"""
    ),
    requires=KV,
    applies_if=("prev.kpi_values",),
    fires=("closed_month_doubled",),
    passes=("clean", "open_month_doubled", "no_previous_build"),
)
