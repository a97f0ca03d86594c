"""The export log: every export written to the lake as `export_log/<export_id>.json`.

An entry says when and by whom (the OS user) an export was made, for which periods and as of
when, what state of the lake it read (the latest ingest run and its cut-off, the Delta versions
of bronze and the dead letters, the silver version), the checksum of every file written and the
suppression settings. The export's own files carry none of this (they must be byte-identical
for the same data); the log is where the time-varying facts go.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from trappe.core import lakehouse
from trappe.core.settings import Settings
from trappe.core.storage import write_json_atomically

EXPORT_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")


@dataclass(frozen=True)
class ExportLogEntry:
    export_id: str
    created_at: str
    user: str
    format: str
    periods: list[str]
    as_of: str | None
    event_watermark: str | None
    suppressed: bool
    threshold: int | None
    out: str
    files: dict[str, str]  # file name -> sha256
    lake_state: dict
    path: Path
    source: str | None = None
    data_quality: str | None = None
    unvalidated: bool = False
    reproduces: str | None = None
    record: dict = field(default_factory=dict)  # the whole log entry, as written


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's arbitrary uid)
        return str(os.getuid())


def _newest_json(directory: Path) -> dict | None:
    if not directory.is_dir():
        return None
    records = []
    for path in sorted(directory.glob("*.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue
    if not records:
        return None
    return max(records, key=lambda r: (str(r.get("started_at", "")), str(r.get("run_id", ""))))


def lake_state(settings: Settings, database: Path | None = None) -> dict:
    """What the export read, as far as the lake records it: enough to tell two lakes apart and
    to re-make the export from the same state.

    `database` is the warehouse the export read: its build names the silver release it was
    built from and the bronze version that release holds; the release's transform run record
    has each silver table's Delta version, so the lake at that state can be read again
    (`lakehouse.parquet_scan_sql(table, version)`) until vacuum removes its files."""
    state: dict = {}
    ingest = _newest_json(settings.ingest_runs_dir)
    if ingest:
        state["ingest_run_id"] = ingest.get("run_id")
        state["ingest_cutoff"] = ingest.get("updated_at")
        state["ingest_status"] = ingest.get("status")
    # the Delta versions of bronze and the dead letters now: what they held can be read again
    for key, table in (
        ("bronze_delta_version", settings.bronze_dir),
        ("deadletter_delta_version", settings.deadletter_dir),
    ):
        version = lakehouse.current_version(table)
        if version is not None:
            state[key] = version
    release = lakehouse.read_release(settings.silver_dir)
    if release is not None:
        state["silver_release"] = release.run_id
    built = _built_from(database) if database is not None else {}
    if built.get("silver_release"):
        state["built_from_silver_release"] = built["silver_release"]
        state["built_from_bronze_version"] = built.get("bronze_version")
        versions = _release_versions(settings, built["silver_release"])
        if versions:
            state["built_from_silver_versions"] = versions
    return state


def _built_from(database: Path) -> dict:
    """The silver release and bronze version the warehouse's build read (audit_build)."""
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        return {}
    try:
        row = con.execute("select silver_release, bronze_version from audit_build").fetchone()
    except duckdb.Error:  # a warehouse built before builds recorded them
        return {}
    finally:
        con.close()
    return {"silver_release": row[0], "bronze_version": row[1]} if row else {}


def _release_versions(settings: Settings, run_id: str) -> dict[str, int]:
    """Each silver table's Delta version in the release `run_id` (its transform run record)."""
    path = settings.transform_runs_dir / f"{run_id}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return {
        table: stats["version"]
        for table, stats in sorted((record.get("tables") or {}).items())
        if stats.get("version") is not None
    }


def log_export(
    settings: Settings,
    *,
    fmt: str,
    periods: list[str],
    metadata: dict,
    out: Path,
    files: list[Path],
    threshold: int | None,
    reproduces: str | None = None,
    now: datetime | None = None,
    database: Path | None = None,
) -> ExportLogEntry:
    """Write the log entry of one export (its files already written) and return it."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    checksums = {f.name: sha256(f) for f in sorted(files)}
    # two exports in the same second differ in their files, their directory or their instant
    content = hashlib.sha256(
        json.dumps([checksums, str(out.resolve()), now.isoformat()], sort_keys=True).encode()
    ).hexdigest()
    export_id = f"{now:%Y%m%dT%H%M%S}Z-{content[:8]}"
    record = {
        "export_id": export_id,
        "created_at": now.isoformat(timespec="seconds"),
        "user": _os_user(),
        "format": fmt,
        "periods": list(periods),
        "as_of": metadata.get("as_of"),
        "event_watermark": metadata.get("event_watermark"),
        "pipeline_version": metadata.get("pipeline_version"),
        "data_quality": metadata.get("data_quality"),
        "source": metadata.get("source"),
        "suppressed": bool(metadata.get("suppressed")),
        "threshold": threshold,
        "suppression": metadata.get("suppression"),
        "unvalidated": bool(metadata.get("unvalidated")),
        "reproduces": reproduces,
        "out": str(out.resolve()),
        "files": checksums,
        "lake_state": lake_state(settings, database),
    }
    path = settings.export_log_dir / f"{export_id}.json"
    write_json_atomically(record, path)
    return _entry(record, path)


def _entry(record: dict, path: Path) -> ExportLogEntry:
    return ExportLogEntry(
        export_id=record["export_id"],
        created_at=record["created_at"],
        user=record["user"],
        format=record["format"],
        periods=list(record["periods"]),
        as_of=record.get("as_of"),
        event_watermark=record.get("event_watermark"),
        suppressed=record["suppressed"],
        threshold=record.get("threshold"),
        out=record["out"],
        files=dict(record["files"]),
        lake_state=dict(record.get("lake_state") or {}),
        path=path,
        source=record.get("source"),
        data_quality=record.get("data_quality"),
        unvalidated=bool(record.get("unvalidated")),
        reproduces=record.get("reproduces"),
        record=record,
    )


def list_exports(settings: Settings) -> list[ExportLogEntry]:
    """Every logged export, oldest first."""
    directory = settings.export_log_dir
    if not directory.is_dir():
        return []
    entries = []
    for path in sorted(directory.glob("*.json")):
        if not EXPORT_ID.match(path.stem):
            continue
        entries.append(_entry(json.loads(path.read_text(encoding="utf-8")), path))
    return sorted(entries, key=lambda e: (e.created_at, e.export_id))


def find_export(settings: Settings, export_id: str) -> ExportLogEntry | None:
    path = settings.export_log_dir / f"{export_id}.json"
    if not EXPORT_ID.match(export_id) or not path.is_file():
        return None
    return _entry(json.loads(path.read_text(encoding="utf-8")), path)


def export_log_rows(settings: Settings) -> list[dict]:
    """The export log as flat rows, newest first, for a table (the dashboard's Datakvalitet
    page): when, who, format, periods, as-of, data quality, suppression, where, files."""
    rows = []
    for e in reversed(list_exports(settings)):
        rows.append(
            {
                "export_id": e.export_id,
                "created_at": e.created_at,
                "user": e.user,
                "format": e.format,
                "periods": ", ".join(e.periods),
                "as_of": e.as_of,
                "data_quality": e.data_quality,
                "unvalidated": e.unvalidated,
                "suppressed": e.suppressed,
                "threshold": e.threshold,
                "suppressed_rows": (e.record.get("suppression") or {}).get("suppressed_rows"),
                "source": e.source,
                "reproduces": e.reproduces,
                "out": e.out,
                "files": len(e.files),
            }
        )
    return rows
