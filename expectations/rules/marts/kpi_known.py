"""A KPI code outside the catalogue is outside the export contract: flagged for review."""

from expectations.config import QualityConfig
from expectations.rules import WARNING, Rule
from expectations.rules.marts._sql import KV


def _sql(config: QualityConfig) -> str:
    catalogue = "'" + str(config.kpi_catalogue_seed).replace("'", "''") + "'"
    return f"""SELECT kpi, count(*) AS rows FROM marts.kpi_values
               WHERE kpi NOT IN (SELECT kpi FROM read_csv({catalogue}, header = true,
                                                          all_varchar = true))
               GROUP BY ALL"""


RULE = Rule(
    severity=WARNING,
    description="Every kpi code is in the KPI catalogue (the export contract).",
    sql=_sql,
    requires=KV,
    unit="kpis",
    fires=("kpi_not_in_catalogue",),
    passes=("clean",),
)
