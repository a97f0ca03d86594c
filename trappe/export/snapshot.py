"""The part of a warehouse an export reads, copied into a small DuckDB file in the lake.

An export is made from its snapshot, never straight from the published warehouse, and the
snapshot is kept beside the export's log entry (`export_log/<export_id>.duckdb`). The published
warehouse is rebuilt whenever events arrive (late events recorded before an export's as-of
included), so it cannot re-make an old export; the snapshot can, byte for byte, because the
export is a deterministic function of it (docs/kpis.md, "Reproduction"; `trappe export
--reproduce`).

It holds the `kpi_values` rows of the exported periods and of the periods disclosure control
reasons about (source.py), last year's child-years for the workbook's change column, the group
comparisons of the exported periods, and the build and quality-gate records.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from trappe.export.cells import context_periods, period_kind
from trappe.export.source import ExportError

# tables copied whole when the warehouse has them (one row each)
AUDIT_TABLES = ("audit_build", "audit_quality_verdict")


def previous_period(period: str) -> str:
    """The same period a year earlier."""
    year = int(period[:4])
    return str(year - 1) if period_kind(period) == "year" else f"{year - 1}{period[4:]}"


def take_snapshot(database: Path, periods: list[str], target: Path) -> None:
    """Copy what an export of `periods` reads from `database` into `target` (a new file)."""
    if not database.exists():
        raise ExportError(f"{database}: no warehouse; run `trappe build` first")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    wanted = sorted(set(periods) | context_periods(set(periods)))
    previous = sorted({previous_period(p) for p in periods})
    con = duckdb.connect(str(target))
    try:
        con.execute("attach ? as src (read_only)", [str(database)])
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = 'src' "
                "union select view_name from duckdb_views() where database_name = 'src'"
            ).fetchall()
        }
        if "kpi_values" not in tables:
            raise ExportError(f"{database}: has no kpi_values table; run `trappe build` first")
        con.execute(
            "create table kpi_values as select * from src.kpi_values "
            "where period in (select unnest(?)) "
            "or (kpi = 'placed_child_years' and period in (select unnest(?)))",
            [wanted, previous],
        )
        present = {r[0] for r in con.execute("select distinct period from kpi_values").fetchall()}
        missing = sorted(set(periods) - present)
        if missing:
            raise ExportError(f"{database}: no KPI values for period(s) {', '.join(missing)}")
        if "fct_group_comparisons" in tables:
            con.execute(
                "create table fct_group_comparisons as select * from src.fct_group_comparisons "
                "where period in (select unnest(?))",
                [sorted(set(periods))],
            )
        for table in AUDIT_TABLES:
            if table in tables:
                con.execute(f"create table {table} as select * from src.{table}")
        con.execute("detach src")
    except BaseException:
        con.close()
        target.unlink(missing_ok=True)
        raise
    con.close()
