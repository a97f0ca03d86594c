"""Reading back what ingestion wrote, for assertions."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.dataset as ds

from ingestion.bronze import DEADLETTER_SCHEMA
from trappe.contract.lake import BRONZE_SCHEMA
from trappe.core.settings import Settings

EVENT_COLUMNS = [
    "event_id",
    "event_type",
    "schema_version",
    "occurred_at",
    "recorded_at",
    "municipality",
    "case_id",
    "child_id",
    "caseworker_id",
    "payload_json",
]


def _read(directory, schema: pa.Schema) -> pa.Table:
    files = sorted(str(p) for p in directory.rglob("*.parquet")) if directory.is_dir() else []
    if not files:
        return schema.empty_table()
    # the hive directory adds ingest_date; the files themselves must carry exactly the schema
    for f in files:
        assert ds.dataset(f, format="parquet").schema.equals(schema), f
    return ds.dataset(files, format="parquet", schema=schema).to_table()


def bronze(settings: Settings) -> pa.Table:
    return _read(settings.bronze_dir, BRONZE_SCHEMA)


def deadletters(settings: Settings) -> pa.Table:
    return _read(settings.deadletter_dir, DEADLETTER_SCHEMA)


def run_records(settings: Settings) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(settings.ingest_runs_dir.glob("*.json"))]


def event_rows(table: pa.Table) -> list[tuple]:
    """The event-level content, independent of where it came from, in a canonical order."""
    rows = table.select(EVENT_COLUMNS).to_pylist()
    return sorted(tuple(r[c] for c in EVENT_COLUMNS) for r in rows)


def lake_text(settings: Settings) -> str:
    """Everything the lake holds, decoded: Parquet cell values and JSON files."""
    parts = []
    for path in settings.home.rglob("*"):
        if path.suffix == ".parquet":
            parts.append(str(ds.dataset(str(path), format="parquet").to_table().to_pylist()))
        elif path.suffix == ".json":
            parts.append(path.read_text())
    return "\n".join(parts)
