"""Two values for one cell: a reader would get either."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KEY, KV

RULE = Rule(
    severity=CRITICAL,
    description="One row per kpi, period, municipality, district group, district and breakdown.",
    sql=f"SELECT {KEY}, count(*) AS copies FROM marts.kpi_values GROUP BY ALL HAVING count(*) > 1",
    requires=KV,
    unit="keys",
    fires=("a_cell_twice",),
    passes=("clean",),
)
