"""Reading back what ingestion wrote, for assertions."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from ingestion.bronze import DEADLETTER_SCHEMA
from trappe.contract.lake import BRONZE_TABLE_SCHEMA
from trappe.core.lakehouse import arrow_schema, open_table
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


def _read(path: Path, schema: pa.Schema) -> pa.Table:
    """The Delta table's newest version, in the order it was ingested (batch, then row)."""
    table = open_table(path)
    if table is None:
        return schema.empty_table()
    # the table holds exactly the schema ingestion writes, in name, type and nullability
    assert arrow_schema(table).equals(schema), arrow_schema(table)
    rows = table.to_pyarrow_table().select(schema.names).cast(schema)
    return rows.sort_by([("ingest_batch_id", "ascending"), ("ingest_row", "ascending")])


def bronze(settings: Settings) -> pa.Table:
    return _read(settings.bronze_dir, BRONZE_TABLE_SCHEMA)


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
