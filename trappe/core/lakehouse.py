"""The lake's tables are Delta Lake tables: what every layer needs to open, read and look after one.

Bronze and the dead letters are written by ingestion through `deltalake` (delta-rs, no JVM);
silver by the transformations through Spark with delta-spark. Every reader outside Spark (dbt,
the quality gate, the dashboards, the export's audit) opens a table here, at its newest version
or at a version a build recorded, so that what one build read can be read again later (time
travel) and a table half-written by a crashed job is never seen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from deltalake import DeltaTable

from trappe.core.errors import TrappeError
from trappe.core.storage import write_json_atomically

# bronze and the dead letters: by the day a batch was ingested (what compaction and retention
# work on); silver: by the year the event occurred (what dbt and the transformations prune on)
BRONZE_PARTITION = "ingest_date"
SILVER_PARTITION = "event_year"

# Bronze keeps a change feed: the transformations read the rows of the versions they have not
# read yet, not the whole log, and a compaction (which adds no rows) is not news to them.
BRONZE_TABLE_CONFIG: Mapping[str, str | None] = {"delta.enableChangeDataFeed": "true"}

# Vacuum keeps the files of the last week's versions: a build or an export made in that time can
# be reproduced from the lake itself (older ones from their audit snapshots).
DEFAULT_RETENTION_HOURS = 168

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def is_table(path: Path) -> bool:
    return path.is_dir() and DeltaTable.is_deltatable(str(path))


def open_table(path: Path, version: int | None = None) -> DeltaTable | None:
    """The table at `path` (at `version`, when given), or None when there is none yet."""
    if not is_table(path):
        return None
    return DeltaTable(str(path), version=version)


def current_version(path: Path) -> int | None:
    table = open_table(path)
    return None if table is None else table.version()


def data_files(table: DeltaTable) -> list[str]:
    """The Parquet files of the table's snapshot, as local paths."""
    return [uri.removeprefix("file://") for uri in table.file_uris()]


def arrow_schema(table: DeltaTable) -> pa.Schema:
    return pa.schema(table.schema().to_arrow())


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return name if _IDENTIFIER.match(name) else '"' + name.replace('"', '""') + '"'


def empty_select(schema: pa.Schema) -> str:
    """A query with the schema's columns in DuckDB's types and no row."""
    with duckdb.connect() as con:
        relation = con.from_arrow(schema.empty_table())
        columns = zip(relation.columns, [str(t) for t in relation.types], strict=True)
    return "SELECT " + ", ".join(f"NULL::{t} AS {_ident(c)}" for c, t in columns) + " WHERE false"


def parquet_scan_sql(path: Path, version: int | None = None) -> str:
    """A DuckDB table expression reading the snapshot's files in place.

    For views that outlive the connection that made them (dbt's staging views): they name files,
    not a Python object. A snapshot's files never change, so the view reads that snapshot for as
    long as vacuum keeps them. An empty table has no file to take the columns from.
    """
    table = open_table(path, version)
    if table is None:
        raise FileNotFoundError(f"{path}: no Delta table")
    files = data_files(table)
    if not files:
        return f"({empty_select(arrow_schema(table))})"
    listed = ", ".join(_quote(f) for f in sorted(files))
    return f"read_parquet([{listed}], hive_partitioning = true, union_by_name = true)"


def register_view(
    con: duckdb.DuckDBPyConnection, view: str, path: Path, version: int | None = None
) -> bool:
    """A view `view` of the table on `con` (as long as `con` lives); False when there is none."""
    table = open_table(path, version)
    if table is None:
        return False
    con.register(f"{view}__delta", table.to_pyarrow_dataset())
    con.execute(
        f"CREATE OR REPLACE VIEW {_ident(view)} AS SELECT * FROM {_ident(view + '__delta')}"
    )
    return True


def history(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The table's commits, newest first."""
    table = open_table(path)
    return [] if table is None else table.history(limit)


# -- maintenance: `trappe lake compact` and `trappe lake vacuum` ------------------------------


def compact(path: Path, target_size: int | None = None) -> dict[str, Any]:
    """Rewrite the table's small files into fewer large ones: a commit that changes no row
    (readers of the change feed skip it), so incremental readers are not disturbed."""
    table = open_table(path)
    if table is None:
        return {}
    metrics: dict[str, Any] = table.optimize.compact(target_size=target_size)
    return metrics


def vacuum(
    path: Path,
    *,
    retention_hours: int = DEFAULT_RETENTION_HOURS,
    dry_run: bool = False,
    keep_versions: list[int] | None = None,
) -> list[str]:
    """Delete the files no version younger than `retention_hours` (nor `keep_versions`) reads.

    Delta refuses a retention under its table's own minimum (a week by default); that refusal is
    the safety the command relies on, so it is never overridden here.
    """
    table = open_table(path)
    if table is None:
        return []
    removed: list[str] = table.vacuum(
        retention_hours=retention_hours,
        dry_run=dry_run,
        enforce_retention_duration=True,
        keep_versions=keep_versions,
    )
    return removed


# -- silver's release -------------------------------------------------------------------------
# Silver is several Delta tables, each committed on its own; a transform is done when all of them
# are. Its commit point is one small file naming each table's version, written atomically after
# the last table's commit: every reader reads each silver table at the version the release
# names, so a crash half-way through a run (some tables at a new version, some not) is never
# seen, and what a build read can be read again by its release (time travel).

SILVER_RELEASE_FILE = "_release.json"
SILVER_RELEASE_FORMAT = 1


@dataclass(frozen=True)
class SilverRelease:
    run_id: str  # the transform run that published it
    bronze_version: int | None  # the bronze version silver holds every row of (None: empty)
    tables: dict[str, int] = field(default_factory=dict)  # silver table -> its Delta version

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SILVER_RELEASE_FORMAT,
            "run_id": self.run_id,
            "bronze_version": self.bronze_version,
            "tables": dict(sorted(self.tables.items())),
        }


def release_path(silver_dir: Path) -> Path:
    return silver_dir / SILVER_RELEASE_FILE


def read_release(silver_dir: Path) -> SilverRelease | None:
    """Silver's current release, or None before the first transform has published."""
    path = release_path(silver_dir)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("format") != SILVER_RELEASE_FORMAT:
        raise TrappeError(
            f"{path}: unknown silver release format {raw.get('format')!r}; "
            "run `trappe transform --full-refresh`"
        )
    return SilverRelease(
        run_id=str(raw["run_id"]),
        bronze_version=raw["bronze_version"],
        tables={str(t): int(v) for t, v in raw["tables"].items()},
    )


def write_release(silver_dir: Path, release: SilverRelease) -> None:
    """Publish `release` (the transform's commit point): readers see it whole or not at all."""
    write_json_atomically(release.to_json(), release_path(silver_dir))
