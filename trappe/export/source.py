"""Reading a warehouse (`kpi_values`, `audit_build`, the quality verdict) for an export.

An export reads what the quality gate published: a warehouse whose `audit_quality_verdict` says
the gate passed it. Anything else (a staging build, an as-of build, a published file without a
verdict) is read only when the caller says `unvalidated`, and the export then says so loudly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from trappe.core.errors import TrappeError
from trappe.export.cells import FOLLOWUPS_PER_CASE, Cell, context_periods, months_in

LOCAL = ZoneInfo("Europe/Copenhagen")
# the gate's verdicts that publish (expectations/gate.py); "failed" never reaches published
PUBLISHED_VERDICTS = ("passed", "passed_with_warnings")
UNVALIDATED = "unvalidated"


class ExportError(TrappeError):
    """An export cannot be made as asked (no warehouse, an unknown period, a bad option)."""


@dataclass(frozen=True)
class BuildInfo:
    as_of: datetime | None
    event_watermark: datetime | None
    pipeline_version: str | None
    data_quality: str
    quality_run_id: str | None


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


def _utc(ts: datetime | None) -> datetime | None:
    if ts is None:
        return None
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC)


def read_build_info(database: Path) -> BuildInfo:
    """The build's as-of, watermark and pipeline version, and the gate's verdict if any."""
    if not database.exists():
        raise ExportError(f"{database}: no warehouse; run `trappe build` first")
    con = duckdb.connect(str(database), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        return _build_info(con)
    finally:
        con.close()


def require_published(database: Path, info: BuildInfo, *, unvalidated: bool) -> None:
    """Refuse a warehouse the quality gate did not pass, unless the caller says `unvalidated`."""
    if not unvalidated and info.data_quality not in PUBLISHED_VERDICTS:
        raise ExportError(
            f"{database}: not published by the quality gate (verdict: {info.data_quality}); "
            "run `trappe build` so the gate validates and publishes, or pass --unvalidated "
            "to export unvalidated figures, marked as such"
        )


def _build_info(con: duckdb.DuckDBPyConnection) -> BuildInfo:
    build = None
    if _table_exists(con, "audit_build"):
        build = con.execute(
            "select as_of, event_watermark, pipeline_version from audit_build"
        ).fetchone()
    verdict = None
    if _table_exists(con, "audit_quality_verdict"):
        verdict = con.execute("select run_id, verdict from audit_quality_verdict").fetchone()
    return BuildInfo(
        as_of=_utc(build[0]) if build else None,
        event_watermark=_utc(build[1]) if build else None,
        pipeline_version=build[2] if build else None,
        data_quality=verdict[1] if verdict else "not_validated",
        quality_run_id=verdict[0] if verdict else None,
    )


def read_cells(
    database: Path, periods: list[str], *, unvalidated: bool = False
) -> tuple[list[Cell], BuildInfo]:
    """The kpi_values rows of `periods` (exported) and of the other periods of their years that
    an attacker can reason about (context for the period relations, never written), and the
    build's metadata. Without `unvalidated`, only a build the quality gate passed is read."""
    if not database.exists():
        raise ExportError(f"{database}: no warehouse; run `trappe build` first")
    con = duckdb.connect(str(database), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        if not _table_exists(con, "kpi_values"):
            raise ExportError(f"{database}: has no kpi_values table; run `trappe build` first")
        info = _build_info(con)
        require_published(database, info, unvalidated=unvalidated)
        wanted = sorted(set(periods) | context_periods(set(periods)))
        rows = con.execute(
            "select kpi, period, municipality, district_group, district, breakdown, numerator, "
            "denominator, value, unit, period_start, period_end, period_complete "
            "from kpi_values where period in (select unnest(?))",
            [wanted],
        ).fetchall()
    finally:
        con.close()
    missing = sorted(set(periods) - {r[1] for r in rows})
    if missing:
        raise ExportError(f"{database}: no KPI values for period(s) {', '.join(missing)}")
    as_of_day: date | None = info.as_of.astimezone(LOCAL).date() if info.as_of else None
    exported = set(periods)
    cells = []
    for (
        kpi,
        period,
        muni,
        group,
        district,
        breakdown,
        num,
        den,
        value,
        unit,
        start,
        end,
        done,
    ) in rows:
        # a stock count is taken on the period's last day, or on T's date when that comes first
        last_day = end if as_of_day is None or end <= as_of_day else as_of_day
        cell = Cell(
            kpi,
            period,
            muni,
            group,
            district,
            breakdown,
            num,
            den,
            value,
            unit,
            last_day=last_day,
            exported=period in exported,
            period_complete=bool(done) and (as_of_day is None or end <= as_of_day),
        )
        if kpi == FOLLOWUPS_PER_CASE:
            # the mart scales the follow-ups held to a half-year (x 6 / months, / the elapsed
            # share of the period, fct_kpi_followups.sql); the count is that undone
            elapsed = (last_day - start).days + 1
            cell.numerator_scale = months_in(period) / 6 * elapsed / ((end - start).days + 1)
        cells.append(cell)
    cells.sort(key=Cell.sort_key)
    return cells, info
