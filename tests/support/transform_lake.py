"""Bronze inputs and silver readers for the transformation tests.

Bronze is built in ingestion's layout: contract events through `validate_line`, one Delta commit
per batch appended to the bronze table (schema BRONZE_TABLE_SCHEMA, partitioned by ingest_date,
change data feed on). The tests need duplicates in bronze (ingestion may drop some itself), so
they write batches directly. Silver is read as every reader reads it: each table at the version
of silver's release.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb
import pyarrow as pa
from deltalake import write_deltalake

from trappe.contract import validate_line
from trappe.contract.examples import example_event
from trappe.contract.lake import BRONZE_TABLE_SCHEMA, EVENT_COLUMNS, SOURCE_FIELDS
from trappe.core import lakehouse
from trappe.core.lakehouse import BRONZE_TABLE_CONFIG
from trappe.core.settings import Settings

KEY = b"test-pseudonym-key"


def event(event_id: str, event_type: str, occurred_at: str, recorded_at: str, **payload) -> dict:
    raw = example_event(event_type, event_id, occurred_at=occurred_at, recorded_at=recorded_at)
    raw["payload"].update(payload)
    return raw


def retraction(
    event_id: str, target: str, recorded_at: str, occurred_at: str | None = None
) -> dict:
    return event(
        event_id,
        "event.retracted",
        occurred_at or recorded_at[:10],
        recorded_at,
        retracts_event_id=target,
    )


def write_batch(
    settings: Settings,
    batch: str,
    events: list[dict],
    ingest_date: str = "2026-01-01",
    ingested_at: datetime | None = None,
) -> int:
    """One bronze commit holding `events` in order (ingest batch `batch`); its version."""
    ingested_at = ingested_at or datetime(2026, 1, 1, tzinfo=UTC)
    columns: dict[str, list] = {name: [] for name in BRONZE_TABLE_SCHEMA.names}
    for line, raw in enumerate(events, start=1):
        valid = validate_line(json.dumps(raw), key=KEY, ingested_at=ingested_at)
        assert not hasattr(valid, "code"), f"test event is invalid: {valid.reason}"
        for name in EVENT_COLUMNS:
            columns[name].append(getattr(valid, name))
        source = {"source_kind": "file", "source_file": f"{batch}.jsonl", "source_line": line}
        for field in SOURCE_FIELDS:
            columns[field.name].append(source.get(field.name))
        columns["ingested_at"].append(ingested_at)
        columns["ingest_run_id"].append(batch)
        columns["ingest_batch_id"].append(batch)
        columns["ingest_row"].append(line - 1)
        columns[lakehouse.BRONZE_PARTITION].append(ingest_date)
    write_deltalake(
        str(settings.bronze_dir),
        pa.table(columns, schema=BRONZE_TABLE_SCHEMA),
        mode="append",
        partition_by=[lakehouse.BRONZE_PARTITION],
        configuration=BRONZE_TABLE_CONFIG,
    )
    version = lakehouse.current_version(settings.bronze_dir)
    assert version is not None
    return version


def silver_relation(settings: Settings, table: str) -> str:
    """A DuckDB table expression: `table` at silver's release."""
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None, f"{settings.silver_dir}: no silver release"
    return lakehouse.parquet_scan_sql(settings.silver_dir / table, release.tables[table])


def read_silver(
    settings: Settings, table: str, where: str = "true", exclude: tuple[str, ...] = ()
) -> list[tuple]:
    """A silver table as DuckDB reads it, rows sorted, optionally without some columns."""
    columns = f"* exclude ({', '.join(exclude)})" if exclude else "*"
    with duckdb.connect() as con:
        return con.execute(
            f"select {columns} from {silver_relation(settings, table)} where {where} order by all"
        ).fetchall()


def duckdb_types(settings: Settings, table: str) -> dict[str, str]:
    with duckdb.connect() as con:
        rows = con.execute(f"describe select * from {silver_relation(settings, table)}").fetchall()
    return {name: kind for name, kind, *_ in rows}
