"""Bronze inputs and silver readers for the transformation tests.

Bronze is built the way ingestion builds it: contract events through `validate_line`, rows
through `ingestion.bronze.bronze_table`, one Parquet file per batch in the bronze layout. The
tests need duplicates in bronze (ingestion may drop some itself), so they write batches directly.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from ingestion.bronze import bronze_table
from trappe.contract import validate_line
from trappe.contract.examples import example_event
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
) -> Path:
    """One bronze file `ingest_date=…/<batch>.parquet` holding `events` in order."""
    ingested_at = ingested_at or datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for line, raw in enumerate(events, start=1):
        valid = validate_line(json.dumps(raw), key=KEY, ingested_at=ingested_at)
        assert not hasattr(valid, "code"), f"test event is invalid: {valid.reason}"
        rows.append(
            (valid, {"source_kind": "file", "source_file": f"{batch}.jsonl", "source_line": line})
        )
    path = settings.bronze_dir / f"ingest_date={ingest_date}" / f"{batch}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(bronze_table(rows, ingested_at=ingested_at, ingest_run_id=batch), path)
    return path


def read_silver(
    settings: Settings, table: str, where: str = "true", exclude: tuple[str, ...] = ()
) -> list[tuple]:
    """A silver table as DuckDB reads it, rows sorted, optionally without some columns."""
    glob = settings.silver_dir / table / "*" / "*.parquet"
    columns = f"* exclude ({', '.join(exclude)})" if exclude else "*"
    with duckdb.connect() as con:
        return con.execute(
            f"select {columns} from read_parquet('{glob}', hive_partitioning = true) "
            f"where {where} order by all"
        ).fetchall()


def duckdb_types(settings: Settings, table: str) -> dict[str, str]:
    glob = settings.silver_dir / table / "*" / "*.parquet"
    with duckdb.connect() as con:
        rows = con.execute(
            f"describe select * from read_parquet('{glob}', hive_partitioning = true)"
        ).fetchall()
    return {name: kind for name, kind, *_ in rows}
