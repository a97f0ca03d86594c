"""Silver table names and Spark schemas, derived from the event contract.

The payload columns of each per-type table come from `trappe.contract.models.PAYLOADS`, so a field
added to the contract appears in silver without anyone retyping it here.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime

from pyspark.sql.types import (
    BooleanType,
    DataType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

from trappe.contract.lake import BRONZE_SCHEMA
from trappe.contract.models import PAYLOADS

EVENTS_TABLE = "events"
RETRACTION_TYPE = "event.retracted"
PARTITION_COLUMN = "event_year"

# The bronze columns silver reads, as Spark sees them, from the one bronze schema.
BRONZE_READ = (
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
    "ingested_at",
    "ingest_batch_id",
    "ingest_row",
)
_ARROW_TO_SPARK: dict[str, DataType] = {
    "string": StringType(),
    "int32": IntegerType(),
    "int64": LongType(),
    "timestamp[us, tz=UTC]": TimestampType(),
}
BRONZE_COLUMNS = StructType(
    [
        StructField(name, _ARROW_TO_SPARK[str(BRONZE_SCHEMA.field(name).type)])
        for name in BRONZE_READ
    ]
)

# Envelope columns of every silver table, in the documented order (event_year is the partition).
ENVELOPE: list[tuple[str, DataType]] = [
    ("event_id", StringType()),
    ("event_type", StringType()),
    ("schema_version", IntegerType()),
    ("occurred_at", TimestampType()),
    ("occurred_date", DateType()),
    ("recorded_at", TimestampType()),
    ("municipality", StringType()),
    ("case_id", StringType()),
    ("child_id", StringType()),
    ("caseworker_id", StringType()),
    ("retracted_at", TimestampType()),
    ("retracted_by_event_id", StringType()),
    ("ingested_at", TimestampType()),
]
ENVELOPE_COLUMNS = [name for name, _ in ENVELOPE]

# `events` only: where each row came from in bronze (its ingestion batch and its place in it).
# The dedup tie-break must survive between incremental runs, and it is the row's lineage; it
# names no file, so it holds when bronze's files are compacted.
LINEAGE: list[tuple[str, DataType]] = [
    ("ingest_batch_id", StringType()),
    ("ingest_row", LongType()),
]
EVENTS_COLUMNS = ENVELOPE_COLUMNS + ["payload_json"] + [name for name, _ in LINEAGE]

_SCALARS: dict[type, DataType] = {
    str: StringType(),
    bool: BooleanType(),
    int: IntegerType(),
    float: DoubleType(),
    date: DateType(),
    datetime: TimestampType(),
}


def table_name(event_type: str) -> str:
    return event_type.replace(".", "_")


TABLES: dict[str, str] = {table_name(t): t for t in PAYLOADS}  # table -> event type


def spark_type(annotation: typing.Any, where: str) -> DataType:
    """The Spark type of a payload field's annotation (Optional and Literal unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return spark_type(typing.get_args(annotation)[0], where)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            raise TypeError(f"{where}: cannot map union {annotation!r} to one Spark type")
        return spark_type(members[0], where)
    if origin is typing.Literal:
        kinds = {type(v) for v in typing.get_args(annotation)}
        if len(kinds) != 1:
            raise TypeError(f"{where}: literal values of mixed types {annotation!r}")
        return spark_type(kinds.pop(), where)
    # bool before int: bool is a subclass of int
    for python_type in (bool, str, int, float, datetime, date):
        if annotation is python_type:
            return _SCALARS[python_type]
    raise TypeError(f"{where}: no Spark type for payload annotation {annotation!r}")


def payload_schema(event_type: str) -> StructType:
    """The payload of `event_type` as a Spark struct, fields in the contract's order."""
    model = PAYLOADS[event_type]
    return StructType(
        [
            StructField(name, spark_type(info.annotation, f"{event_type}.{name}"))
            for name, info in model.model_fields.items()
        ]
    )


def payload_column(field_name: str) -> str:
    """A payload field's column name in its per-type table (prefixed when it clashes)."""
    return (
        f"payload_{field_name}"
        if field_name in ENVELOPE_COLUMNS or field_name == PARTITION_COLUMN
        else field_name
    )


def table_schema(table: str) -> StructType:
    """The columns of a silver table but the partition column (event_year, last)."""
    fields = [StructField(n, t) for n, t in ENVELOPE]
    if table == EVENTS_TABLE:
        fields += [StructField("payload_json", StringType())] + [
            StructField(n, t) for n, t in LINEAGE
        ]
    else:
        fields += [
            StructField(payload_column(f.name), f.dataType) for f in payload_schema(TABLES[table])
        ]
    return StructType(fields)


def delta_schema(table: str) -> StructType:
    """The columns of a silver Delta table, the partition column last."""
    return table_schema(table).add(PARTITION_COLUMN, IntegerType())
