"""An empty build would publish a blank dashboard over a good one."""

from expectations.rules import CRITICAL, Rule
from expectations.rules.marts._sql import KV

RULE = Rule(
    severity=CRITICAL,
    description="The kpi_values mart holds rows.",
    sql="SELECT 'kpi_values' AS table_name WHERE (SELECT count(*) FROM marts.kpi_values) = 0",
    requires=KV,
    unit="tables",
    fires=("no_kpi_rows",),
    passes=("clean",),
)
