"""The partnership export for Socialstyrelsen (docs/kpis.md, "Export contract").

`write_export` copies what an export reads from the published marts (or a given DuckDB file)
into a small snapshot in the lake (snapshot.py), applies disclosure control to it
(suppression.py) and writes either `kpis.csv` (the contract's long table) or one workbook per
municipality and period (workbook.py), with `metadata.json` beside them, then logs the export
(audit.py). Nothing time-varying goes into the files, so the same data gives the same bytes; the
log carries the when, the who and the lake's state, and `reproduce` re-makes any logged export
from its snapshot, whatever has arrived in the lake since.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trappe.core.settings import Settings
from trappe.export.audit import (
    ExportLogEntry,
    export_log_rows,
    find_export,
    list_exports,
    log_export,
    sha256,
)
from trappe.export.cells import COLUMNS, PERIOD, Cell
from trappe.export.csv import render_csv
from trappe.export.snapshot import take_snapshot
from trappe.export.source import (
    BuildInfo,
    ExportError,
    read_build_info,
    read_cells,
    require_published,
)
from trappe.export.suppression import (
    DEFAULT_THRESHOLD,
    SuppressionReport,
    blank_row,
    suppress,
    withhold_out_of_range,
)
from trappe.export.workbook import write_workbooks

FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExportResult:
    export_id: str
    out: Path
    files: list[Path]
    metadata: dict
    rows: int
    suppression: SuppressionReport | None
    log: ExportLogEntry


UNVALIDATED_WARNING = (
    "UVALIDEREDE TAL: denne eksport er lavet med --unvalidated og er ikke godkendt af "
    "kvalitetskontrollen. Må ikke offentliggøres eller indberettes."
)
UNVALIDATED_FILE = "UVALIDERET.txt"


def _iso(ts: datetime | None) -> str | None:
    return ts.isoformat() if ts is not None else None


def build_metadata(
    info: BuildInfo, periods: list[str], cells: list[Cell], source: str, *, unvalidated: bool
) -> dict:
    exported = [c for c in cells if c.exported]
    metadata = {
        "as_of": _iso(info.as_of),
        "event_watermark": _iso(info.event_watermark),
        "pipeline_version": info.pipeline_version,
        "data_quality": info.data_quality,
        "quality_run_id": info.quality_run_id,
        "periods": list(periods),
        "incomplete_periods": sorted({c.period for c in exported if not c.period_complete}),
        "suppressed": False,
        "source": source,
        "unvalidated": unvalidated,
    }
    if unvalidated:
        metadata["warning"] = UNVALIDATED_WARNING
    return metadata


def written(cell: Cell) -> bool:
    """Whether a cell is a row of the export.

    The marts keep a blank value where a rate's denominator is 0 (docs/kpis.md, "No gaps"), but
    the contract's table has no way to say "undefined": a blank value there means suppressed
    (check_export.py rejects a blank with suppressed=false), and writing suppressed=true would
    claim a disclosure blank that is not one. So such a row is left out, and metadata.json says
    how many were (`undefined_rows_left_out`). Its counts are 0 and an attacker who knows the
    row structure knows that, so disclosure control treats them as released (suppression.py).
    """
    return cell.exported and (cell.value is not None or cell.suppressed)


def prepare(
    database: Path,
    periods: list[str],
    *,
    apply_suppression: bool,
    threshold: int = DEFAULT_THRESHOLD,
    source: str = "published",
    unvalidated: bool = False,
) -> tuple[list[Cell], dict, SuppressionReport | None]:
    """The written cells (suppressed when asked), the metadata and the suppression report."""
    for p in periods:
        if not PERIOD.match(p):
            raise ExportError(f"--period {p!r} is not YYYY, YYYYH1/H2 or YYYY-MM")
    if threshold < 1:
        raise ExportError(f"--threshold {threshold} must be at least 1")
    periods = sorted(set(periods))
    cells, info = read_cells(database, periods, unvalidated=unvalidated)
    metadata = build_metadata(info, periods, cells, source, unvalidated=unvalidated)
    metadata["withheld_out_of_range"] = withhold_out_of_range(cells)
    report = None
    if apply_suppression:
        report = suppress(cells, threshold)
        metadata["suppressed"] = True
        metadata["suppression"] = report.as_metadata()
    for c in cells:
        if c.exported and c.suppressed:
            blank_row(c)  # a withheld cell is blank with or without suppression
    out = sorted((c for c in cells if written(c)), key=Cell.sort_key)
    metadata["rows"] = len(out)
    metadata["undefined_rows_left_out"] = sum(1 for c in cells if c.exported and not written(c))
    return out, metadata, report


def write_export(
    settings: Settings,
    periods: list[str],
    out: Path,
    *,
    fmt: str = "csv",
    suppress_small: bool | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    database: Path | None = None,
    source: str = "published",
    unvalidated: bool = False,
    reproduces: str | None = None,
) -> ExportResult:
    """Write the export of `periods` to `out` and log it; suppression defaults to on for xlsx.

    It reads the published warehouse, which only the quality gate writes; `unvalidated` reads
    `database` or else the newest build (staging) without the gate's verdict, and marks the
    files and the log. What it reads is first copied into a snapshot, kept with the log entry,
    and the files are made from that (snapshot.py)."""
    if fmt not in FORMATS:
        raise ExportError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if database is None:
        database = settings.published_db
        if unvalidated and settings.staging_db.exists():
            database, source = settings.staging_db, "staging"
    for p in periods:
        if not PERIOD.match(p):
            raise ExportError(f"--period {p!r} is not YYYY, YYYYH1/H2 or YYYY-MM")
    # refused before anything is copied, naming the warehouse asked for, not the snapshot
    require_published(database, read_build_info(database), unvalidated=unvalidated)
    pending = settings.export_log_dir / f".pending-{os.getpid()}-{uuid.uuid4().hex}.duckdb"
    take_snapshot(database, periods, pending)
    try:
        result = _write_from(
            settings,
            pending,
            periods,
            out,
            fmt=fmt,
            suppress_small=suppress_small,
            threshold=threshold,
            source=source,
            unvalidated=unvalidated,
            reproduces=reproduces,
        )
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    pending.replace(snapshot_path(settings, result.export_id))
    return result


def snapshot_path(settings: Settings, export_id: str) -> Path:
    return settings.export_log_dir / f"{export_id}.duckdb"


def _write_from(
    settings: Settings,
    database: Path,
    periods: list[str],
    out: Path,
    *,
    fmt: str,
    suppress_small: bool | None,
    threshold: int,
    source: str,
    unvalidated: bool,
    reproduces: str | None,
) -> ExportResult:
    apply_suppression = (fmt == "xlsx") if suppress_small is None else suppress_small
    cells, metadata, report = prepare(
        database,
        periods,
        apply_suppression=apply_suppression,
        threshold=threshold,
        source=source,
        unvalidated=unvalidated,
    )
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    if fmt == "csv":
        path = out / "kpis.csv"
        path.write_text(render_csv(cells), encoding="utf-8", newline="")
        files.append(path)
    else:
        files.extend(write_workbooks(cells, metadata, out, database=database))
    if unvalidated:
        # the contract fixes kpis.csv's columns, so the mark goes beside it as well
        warning = out / UNVALIDATED_FILE
        warning.write_text(UNVALIDATED_WARNING + "\n", encoding="utf-8")
        files.append(warning)
    meta_path = out / "metadata.json"
    meta_path.write_text(
        json.dumps(metadata, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    files.append(meta_path)
    entry = log_export(
        settings,
        fmt=fmt,
        periods=metadata["periods"],
        metadata=metadata,
        out=out,
        files=files,
        threshold=threshold if apply_suppression else None,
        reproduces=reproduces,
        database=database,
    )
    return ExportResult(entry.export_id, out, files, metadata, len(cells), report, entry)


def reproduce(settings: Settings, export_id: str, out: Path) -> ExportResult:
    """Re-make the logged export `export_id` into `out` from its snapshot, with its format,
    periods and suppression settings; log the reproduction and check that every file is
    byte-identical to the original's (by the checksums in its log entry)."""
    original = find_export(settings, export_id)
    if original is None:
        raise ExportError(
            f"--reproduce {export_id}: no such export in {settings.export_log_dir} "
            "(`trappe export --list` lists them)"
        )
    snapshot = snapshot_path(settings, export_id)
    if not snapshot.is_file():
        raise ExportError(f"--reproduce {export_id}: its snapshot {snapshot} is missing")
    result = write_export(
        settings,
        original.periods,
        out,
        fmt=original.format,
        suppress_small=original.suppressed,
        threshold=original.threshold or DEFAULT_THRESHOLD,
        database=snapshot,
        source=original.source or "published",
        unvalidated=original.unvalidated,
        reproduces=export_id,
    )
    now = {f.name: sha256(f) for f in result.files}
    differ = sorted(
        name for name in set(now) | set(original.files) if now.get(name) != original.files.get(name)
    )
    if differ:
        raise ExportError(
            f"--reproduce {export_id}: {', '.join(differ)} differ from the original export "
            "(was the pipeline changed? the original says "
            f"{original.record.get('pipeline_version')})"
        )
    return result


def export_kpis(
    settings: Settings, periods: list[str], out: Path, *, database: Path | None = None
) -> dict:
    """The pipeline's export stage: kpis.csv and metadata.json of the published warehouse,
    logged like any other export; returns the metadata."""
    return write_export(settings, periods, out, fmt="csv", database=database).metadata


__all__ = [
    "COLUMNS",
    "DEFAULT_THRESHOLD",
    "FORMATS",
    "Cell",
    "ExportError",
    "ExportLogEntry",
    "ExportResult",
    "export_kpis",
    "export_log_rows",
    "find_export",
    "list_exports",
    "prepare",
    "render_csv",
    "reproduce",
    "suppress",
    "withhold_out_of_range",
    "write_export",
]
