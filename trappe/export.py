"""`trappe export`: the partnership export (docs/kpis.md, "Export contract").

Writes OUT/kpis.csv (exactly the contract's columns, a stable row order) and OUT/metadata.json.
Nothing time-varying goes into either file, so the same events and the same --as-of give the
same bytes. Without --as-of the export reads the published warehouse (read-only); with --as-of it
builds the marts as of that time into a separate DuckDB file and exports from that.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import duckdb

from trappe.core.errors import TrappeError
from trappe.core.settings import Settings

COLUMNS = [
    "kpi",
    "period",
    "municipality",
    "district_group",
    "district",
    "breakdown",
    "numerator",
    "denominator",
    "value",
    "unit",
    "suppressed",
]
PERIOD = re.compile(r"^\d{4}(H[12]|-(0[1-9]|1[0-2]))?$")

# KPIs whose numerator counts cases, children, events or follow-ups: small counts identify
# children, so they are suppressed. Child-years and money are not counts; sdq_mean is a mean
# of few children when its denominator (assessments) is small.
COUNT_NUMERATOR_KPIS = {
    "cases_by_step",
    "ladder_moves",
    "moved_down_from_institution",
    "breakdown_rate",
    "complaint_rate",
    "followups_per_case",
    "followup_compliance_herning",
    "followup_compliance_legal",
    "followup_compliance_planned",
    "caseload_per_caseworker",
    "notification_24h_compliance",
    "notifications",
    "not_placed_one_year_after",
}
COUNT_DENOMINATOR_KPIS = {"sdq_mean"}


class ExportError(TrappeError):
    pass


@dataclass
class Cell:
    kpi: str
    period: str
    municipality: str
    district_group: str
    district: str
    breakdown: str
    numerator: float | None
    denominator: float | None
    value: float | None
    unit: str
    suppressed: bool = False

    def sort_key(self) -> tuple:
        return (
            self.kpi,
            self.period,
            self.municipality,
            self.district_group,
            self.district,
            self.breakdown,
        )


def _is_small(x: float | None) -> bool:
    return x is not None and 1 <= x <= 4


def _primary(cell: Cell) -> bool:
    if cell.kpi in COUNT_NUMERATOR_KPIS:
        return _is_small(cell.numerator) or (
            cell.unit in ("cases", "moves", "children", "count") and _is_small(cell.value)
        )
    if cell.kpi in COUNT_DENOMINATOR_KPIS:
        return _is_small(cell.denominator)
    return False


def withhold_out_of_range(cells: list[Cell]) -> int:
    """Withhold the percentage cells outside 0-100; returns how many.

    The export contract says "percentages are 0-100", but `breakdown_rate` is breakdowns per
    100 placed child-years (docs/kpis.md, docs/domain.md): a cell with more breakdowns than
    child-years (one breakdown in half a child-year of placement) exceeds 100 and cannot be
    written in the contract's unit. Such a cell is blanked and flagged like a suppressed one,
    numerator included (with it the value would be one division away), and counted in the
    metadata. The published marts and the dashboard keep the value.
    """
    withheld = 0
    for c in cells:
        if c.unit == "%" and c.value is not None and not 0 <= round(c.value, 4) <= 100:
            c.suppressed, c.numerator, c.value = True, None, None
            withheld += 1
    return withheld


def _protect_sets(cells: list[Cell]) -> list[list[Cell]]:
    """The sets of cells whose members add up to a published total: the breakdowns of one
    kpi x period x geography (total: breakdown 'all'), the districts of one group and the
    groups of one municipality (total: the level above). Hiding one member of such a set
    alone would let anyone recover it by subtraction."""
    sets: dict[tuple, list[Cell]] = {}
    for c in cells:
        if c.kpi not in COUNT_NUMERATOR_KPIS and c.kpi not in COUNT_DENOMINATOR_KPIS:
            continue
        if c.breakdown != "all":
            sets.setdefault(
                ("breakdown", c.kpi, c.period, c.municipality, c.district_group, c.district), []
            ).append(c)
        if c.district != "all":
            sets.setdefault(
                ("district", c.kpi, c.period, c.municipality, c.district_group, c.breakdown), []
            ).append(c)
        elif c.district_group != "all":
            sets.setdefault(("group", c.kpi, c.period, c.municipality, c.breakdown), []).append(c)
    return list(sets.values())


def suppress(cells: list[Cell]) -> list[Cell]:
    """Primary suppression of counts 1-4, then secondary suppression until no set of cells that
    adds up to a total has exactly one hidden member (hide its smallest visible member, nonzero
    first, so the hidden one cannot be recovered from the total)."""
    for c in cells:
        if _primary(c):
            c.suppressed = True
    sets = _protect_sets(cells)
    changed = True
    while changed:
        changed = False
        for members in sets:
            hidden = [c for c in members if c.suppressed]
            visible = [c for c in members if not c.suppressed]
            if len(hidden) == 1 and visible:
                smallest = min(
                    visible, key=lambda c: ((c.numerator or 0) == 0, c.numerator or 0, c.sort_key())
                )
                smallest.suppressed = True
                changed = True
    for c in cells:
        if c.suppressed:
            c.numerator = None
            c.value = None
    return cells


def _number(x: float | None, digits: int) -> str:
    if x is None:
        return ""
    r = round(float(x), digits)
    if r == 0:
        return "0"
    return str(int(r)) if r == int(r) else repr(r)


def render_csv(cells: list[Cell]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in sorted(cells, key=Cell.sort_key):
        writer.writerow(
            [
                c.kpi,
                c.period,
                c.municipality,
                c.district_group,
                c.district,
                c.breakdown,
                _number(c.numerator, 6),
                _number(c.denominator, 6),
                _number(c.value, 4),
                c.unit,
                "true" if c.suppressed else "false",
            ]
        )
    return buf.getvalue()


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return (
        con.execute(
            "select count(*) from information_schema.tables where table_name = ?", [name]
        ).fetchone()[0]
        > 0
    )


def _iso(ts) -> str | None:
    if ts is None:
        return None
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).isoformat()


def read_export(database: Path, periods: list[str]) -> tuple[list[Cell], dict]:
    """The kpi_values rows of `periods` and the build / quality metadata of `database`."""
    if not database.exists():
        raise ExportError(f"{database}: no warehouse; run `trappe build` first")
    con = duckdb.connect(str(database), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        if not _table_exists(con, "kpi_values"):
            raise ExportError(f"{database}: has no kpi_values table; run `trappe build` first")
        rows = con.execute(
            "select kpi, period, municipality, district_group, district, breakdown, "
            "numerator, denominator, value, unit from kpi_values where period in (select unnest(?))",
            [periods],
        ).fetchall()
        build = None
        if _table_exists(con, "audit_build"):
            build = con.execute(
                "select as_of, event_watermark, pipeline_version from audit_build"
            ).fetchone()
        verdict = None
        if _table_exists(con, "audit_quality_verdict"):
            verdict = con.execute("select run_id, verdict from audit_quality_verdict").fetchone()
    finally:
        con.close()
    missing = sorted(set(periods) - {r[1] for r in rows})
    if missing:
        raise ExportError(f"{database}: no KPI values for period(s) {', '.join(missing)}")
    cells = [Cell(*r) for r in rows]
    metadata = {
        "as_of": _iso(build[0]) if build else None,
        "event_watermark": _iso(build[1]) if build else None,
        "pipeline_version": build[2] if build else None,
        "data_quality": verdict[1] if verdict else "not_validated",
        "quality_run_id": verdict[0] if verdict else None,
        "periods": list(periods),
        "suppressed": False,
        "rows": len(cells),
        "source": "published",
    }
    return cells, metadata


def export_kpis(
    settings: Settings,
    periods: list[str],
    out: Path,
    *,
    database: Path | None = None,
    source: str = "published",
    apply_suppression: bool = False,
) -> dict:
    """Write out/kpis.csv and out/metadata.json from `database` (default: the published
    warehouse, read-only); return the metadata."""
    for p in periods:
        if not PERIOD.match(p):
            raise ExportError(f"--period {p!r}: not YYYY, YYYYH1/H2 or YYYY-MM")
    periods = sorted(set(periods))
    database = database or settings.published_db
    if not database.is_file():
        raise ExportError(f"{database}: no published marts; run `trappe build` first")
    cells, metadata = read_export(database, periods)
    metadata["source"] = source
    metadata["withheld_out_of_range"] = withhold_out_of_range(cells)
    if apply_suppression:
        suppress(cells)
        metadata["suppressed"] = True
        metadata["suppressed_cells"] = sum(c.suppressed for c in cells)
    out.mkdir(parents=True, exist_ok=True)
    (out / "kpis.csv").write_text(render_csv(cells), encoding="utf-8", newline="")
    (out / "metadata.json").write_text(
        json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return metadata
