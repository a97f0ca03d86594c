"""The bronze event log and the dead-letter store: schemas, source coordinates, table building.

See docs/architecture.md. Both are Delta tables (`ingestion.store`), partitioned by the day a
batch was ingested, readable by Spark, DuckDB and `deltalake` alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa

from trappe.contract.lake import (
    CHECKED_SCHEMA,
    EVENT_COLUMNS,
    INGESTION_FIELDS,
    SOURCE_FIELDS,
    UTC_TS,
)
from trappe.contract.validator import EventRow, ValidEvent
from trappe.core.lakehouse import BRONZE_PARTITION

# the partition column both tables carry: the batch's ingestion day, UTC
PARTITION_FIELD = pa.field(BRONZE_PARTITION, pa.string(), nullable=False)

DEADLETTER_SCHEMA = pa.schema(
    [
        pa.field("reason", pa.string(), nullable=False),
        pa.field("error_code", pa.string(), nullable=False),
        pa.field("error_field", pa.string()),
        pa.field("event_id", pa.string()),
        # the record as it came, with CPR-like numbers masked: the lake never holds a CPR
        pa.field("raw", pa.string(), nullable=False),
        # a record that is not UTF-8 (so `raw` replaced some of its bytes): all of its bytes,
        # CPR-like numbers masked, base64-encoded; null for every other record
        pa.field("raw_base64", pa.string()),
        *SOURCE_FIELDS,
        *INGESTION_FIELDS,
        PARTITION_FIELD,
    ]
)
# a dead-letter batch before its ingestion stamp
_REJECTED_SCHEMA = pa.schema(
    [f for f in DEADLETTER_SCHEMA if f not in INGESTION_FIELDS and f != PARTITION_FIELD]
)


def batch_id(ingested_at: datetime, run_id: str, seq: int = 1) -> str:
    """A batch's id: its ingestion time first, so that ids sort as the batches were made."""
    return f"{ingested_at.strftime('%Y%m%dT%H%M%S%fZ')}-{run_id[-8:]}-{seq:05d}"


class Coordinates(NamedTuple):
    """Where a record came from: a Kafka offset or a file line. A tuple: cheap to make and to
    send to a worker process."""

    kind: str  # "kafka" | "file"
    source: str  # the topic, or the file's SHA-256
    partition: int | None
    position: int  # offset or line number, increasing within the stream
    path: str | None = None  # the file, absolute
    name: str | None = None  # the file as the user named it

    @classmethod
    def kafka(cls, topic: str, partition: int, offset: int) -> Coordinates:
        return cls("kafka", topic, partition, offset)

    @classmethod
    def file(cls, digest: str, path: str, name: str, line: int) -> Coordinates:
        return cls("file", digest, None, line, path, name)

    @property
    def stream(self) -> str:
        """The resume key: the app id of the lake's Delta transactions for this source."""
        return (
            f"kafka:{self.source}:{self.partition}"
            if self.kind == "kafka"
            else f"file:{self.source}"
        )

    @property
    def label(self) -> str:
        """For humans: "case-events[0]@1234" or "events.jsonl:57"."""
        return (
            f"{self.source}[{self.partition}]@{self.position}"
            if self.kind == "kafka"
            else f"{self.name}:{self.position}"
        )

    def source_columns(self, positions: Sequence[int]) -> dict[str, list[Any]]:
        """The source_* columns of records of this stream at `positions` (absent: null)."""
        n = len(positions)
        if self.kind == "kafka":
            return {
                "source_kind": ["kafka"] * n,
                "source_topic": [self.source] * n,
                "source_partition": [self.partition] * n,
                "source_offset": list(positions),
            }
        return {
            "source_kind": ["file"] * n,
            "source_file": [self.path] * n,
            "source_line": list(positions),
        }

    @property
    def columns(self) -> dict[str, Any]:
        """This record's source_* columns."""
        return {name: values[0] for name, values in self.source_columns([self.position]).items()}


def checked_table(
    events: Sequence[ValidEvent], source_columns: Mapping[str, Sequence[Any]]
) -> pa.Table:
    """Valid events with their source columns, in CHECKED_SCHEMA."""
    # column by column: a comprehension per column is several times faster than row appends
    columns: dict[str, Sequence[Any]] = {
        name: [getattr(event, name) for event in events] for name in EVENT_COLUMNS
    }
    return _with_sources(columns, len(events), source_columns)


def checked_rows_table(
    rows: Sequence[EventRow], source_columns: Mapping[str, Sequence[Any]]
) -> pa.Table:
    """`checked_table` of events as `validate_lines` gives them (rows of the event columns)."""
    columns: dict[str, Sequence[Any]] = (
        dict(zip(EVENT_COLUMNS, zip(*rows, strict=True), strict=True))
        if rows
        else {name: [] for name in EVENT_COLUMNS}
    )
    return _with_sources(columns, len(rows), source_columns)


def _with_sources(
    columns: dict[str, Sequence[Any]], n: int, source_columns: Mapping[str, Sequence[Any]]
) -> pa.Table:
    for f in SOURCE_FIELDS:
        columns[f.name] = source_columns.get(f.name) or pa.nulls(n, f.type)
    return pa.table(columns, schema=CHECKED_SCHEMA)


def stamp_ingestion(
    table: pa.Table,
    *,
    ingested_at: datetime,
    ingest_run_id: str,
    ingest_batch_id: str | None = None,
) -> pa.Table:
    """A checked (or rejected) table as the lake stores it: with the batch's ingestion time,
    run, batch id (default: the run's first batch at that time), each row's place in the batch,
    and the partition (the ingestion day, UTC)."""
    n = table.num_rows
    at = ingested_at.astimezone(UTC)
    # one value a column: repeated by Arrow, not converted from a Python list per row
    stamps = [
        pa.repeat(pa.scalar(at, UTC_TS), n),
        pa.repeat(pa.scalar(ingest_run_id, pa.string()), n),
        pa.repeat(pa.scalar(ingest_batch_id or batch_id(at, ingest_run_id), pa.string()), n),
        pa.array(np.arange(n, dtype=np.int64)),
        pa.repeat(pa.scalar(at.strftime("%Y-%m-%d"), pa.string()), n),
    ]
    for f, column in zip([*INGESTION_FIELDS, PARTITION_FIELD], stamps, strict=True):
        table = table.append_column(f, column)
    return table


def bronze_table(
    events: Iterable[tuple[ValidEvent, dict[str, Any]]],
    *,
    ingested_at: datetime,
    ingest_run_id: str,
    ingest_batch_id: str | None = None,
) -> pa.Table:
    """A bronze batch (BRONZE_TABLE_SCHEMA) from (event, source columns of the record) pairs."""
    pairs = list(events)
    source = {f.name: [coords.get(f.name) for _, coords in pairs] for f in SOURCE_FIELDS}
    return stamp_ingestion(
        checked_table([e for e, _ in pairs], source),
        ingested_at=ingested_at,
        ingest_run_id=ingest_run_id,
        ingest_batch_id=ingest_batch_id,
    )


def deadletter_table(
    rows: Iterable[dict[str, Any]],
    *,
    ingested_at: datetime,
    ingest_run_id: str,
    ingest_batch_id: str | None = None,
) -> pa.Table:
    """A dead-letter batch (DEADLETTER_SCHEMA) from dicts holding reason, error_code,
    error_field, event_id, raw and the source columns."""
    rows = list(rows)
    columns = {f.name: [row.get(f.name) for row in rows] for f in _REJECTED_SCHEMA}
    return stamp_ingestion(
        pa.table(columns, schema=_REJECTED_SCHEMA),
        ingested_at=ingested_at,
        ingest_run_id=ingest_run_id,
        ingest_batch_id=ingest_batch_id,
    )
