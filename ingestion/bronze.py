"""The bronze event log and the dead-letter store: schemas and row building.

See docs/architecture.md. Both are Parquet, readable by Spark and DuckDB alike.
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

import pyarrow as pa

from trappe.contract.validator import ValidEvent

UTC_TS = pa.timestamp("us", tz="UTC")

SOURCE_FIELDS = [
    pa.field("source_kind", pa.string(), nullable=False),  # "kafka" | "file"
    pa.field("source_topic", pa.string()),
    pa.field("source_partition", pa.int32()),
    pa.field("source_offset", pa.int64()),
    pa.field("source_file", pa.string()),
    pa.field("source_line", pa.int64()),
    pa.field("ingested_at", UTC_TS, nullable=False),
    pa.field("ingest_run_id", pa.string(), nullable=False),
]

BRONZE_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
        pa.field("occurred_at", UTC_TS, nullable=False),
        pa.field("recorded_at", UTC_TS, nullable=False),
        pa.field("municipality", pa.string(), nullable=False),
        pa.field("case_id", pa.string(), nullable=False),
        pa.field("child_id", pa.string()),
        pa.field("caseworker_id", pa.string()),
        pa.field("payload_json", pa.string(), nullable=False),
        *SOURCE_FIELDS,
    ]
)

DEADLETTER_SCHEMA = pa.schema(
    [
        pa.field("reason", pa.string(), nullable=False),
        pa.field("error_code", pa.string(), nullable=False),
        pa.field("error_field", pa.string()),
        pa.field("event_id", pa.string()),
        # the record as it came, with CPR-like numbers masked: the lake never holds a CPR
        pa.field("raw", pa.string(), nullable=False),
        *SOURCE_FIELDS,
    ]
)


def bronze_table(
    events: Iterable[tuple[ValidEvent, dict]],
    *,
    ingested_at: datetime,
    ingest_run_id: str,
) -> pa.Table:
    """A bronze batch from (event, source coordinates) pairs.

    Coordinates are a dict with `source_kind` and the topic/partition/offset or file/line keys.
    """
    columns: dict[str, list] = {f.name: [] for f in BRONZE_SCHEMA}
    for event, coords in events:
        columns["event_id"].append(event.event_id)
        columns["event_type"].append(event.event_type)
        columns["schema_version"].append(event.schema_version)
        columns["occurred_at"].append(event.occurred_at)
        columns["recorded_at"].append(event.recorded_at)
        columns["municipality"].append(event.municipality)
        columns["case_id"].append(event.case_id)
        columns["child_id"].append(event.child_id)
        columns["caseworker_id"].append(event.caseworker_id)
        columns["payload_json"].append(event.payload_json)
        for f in SOURCE_FIELDS:
            if f.name == "ingested_at":
                columns["ingested_at"].append(ingested_at)
            elif f.name == "ingest_run_id":
                columns["ingest_run_id"].append(ingest_run_id)
            else:
                columns[f.name].append(coords.get(f.name))
    return pa.table(columns, schema=BRONZE_SCHEMA)


def deadletter_table(
    rows: Iterable[dict],
    *,
    ingested_at: datetime,
    ingest_run_id: str,
) -> pa.Table:
    """A dead-letter batch from dicts holding reason, error_code, error_field, event_id, raw and
    the source coordinates (as in `bronze_table`)."""
    columns: dict[str, list] = {f.name: [] for f in DEADLETTER_SCHEMA}
    for row in rows:
        for name, values in columns.items():
            if name == "ingested_at":
                values.append(ingested_at)
            elif name == "ingest_run_id":
                values.append(ingest_run_id)
            else:
                values.append(row.get(name))
    return pa.table(columns, schema=DEADLETTER_SCHEMA)
