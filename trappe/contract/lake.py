"""The bronze event log's columns: written by ingestion, read by the transformations.

One definition for both sides (and for the quality gate), so that a column added here reaches
every reader; the Spark schema of bronze is derived from it (`transformations.schema`).
"""

from __future__ import annotations

import pyarrow as pa

from trappe.core.lakehouse import BRONZE_PARTITION

UTC_TS = pa.timestamp("us", tz="UTC")

SOURCE_FIELDS = [
    pa.field("source_kind", pa.string(), nullable=False),  # "kafka" | "file"
    pa.field("source_topic", pa.string()),
    pa.field("source_partition", pa.int32()),
    pa.field("source_offset", pa.int64()),
    pa.field("source_file", pa.string()),
    pa.field("source_line", pa.int64()),
]
# stamped on a whole batch when it is committed
INGESTION_FIELDS = [
    pa.field("ingested_at", UTC_TS, nullable=False),
    pa.field("ingest_run_id", pa.string(), nullable=False),
    # the batch (sortable: its ingestion time first) and the row's place in it: with
    # ingested_at, a total order over every copy of an event in bronze that does not depend on
    # which file holds it (compaction rewrites files)
    pa.field("ingest_batch_id", pa.string(), nullable=False),
    pa.field("ingest_row", pa.int64(), nullable=False),
]

EVENT_FIELDS = [
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
]
# the columns that come from the event itself (`ValidEvent` attributes of the same names)
EVENT_COLUMNS = [f.name for f in EVENT_FIELDS]

# what validation produces for a chunk of records: all of bronze but the ingestion stamp
CHECKED_SCHEMA = pa.schema([*EVENT_FIELDS, *SOURCE_FIELDS])
BRONZE_SCHEMA = pa.schema([*EVENT_FIELDS, *SOURCE_FIELDS, *INGESTION_FIELDS])
# the bronze Delta table: the log's columns and the partition (trappe.core.lakehouse)
BRONZE_TABLE_SCHEMA = pa.schema(
    [*BRONZE_SCHEMA, pa.field(BRONZE_PARTITION, pa.string(), nullable=False)]
)
