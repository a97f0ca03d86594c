"""Writes small silver lakes for the dbt tests, in exactly the layout of docs/architecture.md.

The real silver is written by the PySpark transformations; this writer produces the same Delta
tables (envelope + typed payload columns, partitioned by event_year, retracted events kept and
marked, duplicates removed with the first recorded copy winning) and silver's release from a list
of contract events, with delta-rs, so the dbt tests run in seconds without a JVM.
"""

from __future__ import annotations

import itertools
import json
import types
import typing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
from deltalake import write_deltalake

from trappe.contract.models import PAYLOADS
from trappe.core import lakehouse

LOCAL = ZoneInfo("Europe/Copenhagen")
ENVELOPE_COLUMNS = [
    "event_id",
    "event_type",
    "schema_version",
    "occurred_at",
    "occurred_date",
    "recorded_at",
    "municipality",
    "case_id",
    "child_id",
    "caseworker_id",
    "retracted_at",
    "retracted_by_event_id",
    "ingested_at",
]
_TS = pa.timestamp("us", tz="UTC")
_ENVELOPE_TYPES = {
    "schema_version": pa.int32(),
    "occurred_at": _TS,
    "occurred_date": pa.date32(),
    "recorded_at": _TS,
    "retracted_at": _TS,
    "ingested_at": _TS,
}
_SCALARS = {
    bool: pa.bool_(),
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    date: pa.date32(),
    datetime: _TS,
}
_ids = itertools.count(1)


def _arrow_type(annotation) -> pa.DataType:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _arrow_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return _arrow_type(next(a for a in typing.get_args(annotation) if a is not type(None)))
    if origin is typing.Literal:
        return _SCALARS[type(typing.get_args(annotation)[0])]
    return _SCALARS[annotation]


def table_name(event_type: str) -> str:
    return event_type.replace(".", "_")


def payload_column(name: str) -> str:
    return f"payload_{name}" if name in ENVELOPE_COLUMNS or name == "event_year" else name


def table_schema(event_type: str) -> pa.Schema:
    fields = [pa.field(c, _ENVELOPE_TYPES.get(c, pa.string())) for c in ENVELOPE_COLUMNS]
    for name, info in PAYLOADS[event_type].model_fields.items():
        fields.append(pa.field(payload_column(name), _arrow_type(info.annotation)))
    return pa.schema(fields)


def _instant(value: str | date | datetime) -> datetime:
    """A contract time: a bare date means 00:00 Copenhagen, a naive datetime is Copenhagen time."""
    if isinstance(value, str):
        value = (
            datetime.fromisoformat(value)
            if "T" in value or " " in value
            else date.fromisoformat(value)
        )
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0))
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL)
    return value.astimezone(UTC)


@dataclass
class Event:
    event_type: str
    case_id: str
    occurred_at: str | date | datetime
    payload: dict
    recorded_at: str | date | datetime | None = None
    municipality: str = "657"
    child_id: str | None = None
    caseworker_id: str | None = None
    event_id: str = field(default_factory=lambda: f"E{next(_ids):06d}")

    @property
    def occurred(self) -> datetime:
        return _instant(self.occurred_at)

    @property
    def recorded(self) -> datetime:
        return _instant(self.recorded_at if self.recorded_at is not None else self.occurred_at)


def write_silver(silver_dir: Path, events: list[Event]) -> dict[str, int]:
    """Write every silver table (empty ones too) under `silver_dir` and publish them as silver's
    release; return rows per table."""
    first_copy: dict[str, Event] = {}
    for e in sorted(events, key=lambda e: e.recorded):  # stable: file order breaks ties
        first_copy.setdefault(e.event_id, e)
    kept = list(first_copy.values())
    retraction: dict[str, Event] = {}
    for e in sorted(kept, key=lambda e: e.recorded):
        if e.event_type == "event.retracted":
            retraction.setdefault(e.payload["retracts_event_id"], e)

    rows_by_table: dict[str, list[dict]] = {table_name(t): [] for t in PAYLOADS}
    rows_by_table["events"] = []
    for e in kept:
        occurred = e.occurred
        retracted = retraction.get(e.event_id)
        envelope = {
            "event_id": e.event_id,
            "event_type": e.event_type,
            "schema_version": 1,
            "occurred_at": occurred,
            "occurred_date": occurred.astimezone(LOCAL).date(),
            "recorded_at": e.recorded,
            "municipality": e.municipality,
            "case_id": e.case_id,
            "child_id": e.child_id or f"K-{e.case_id}",
            "caseworker_id": e.caseworker_id,
            "retracted_at": retracted.recorded if retracted else None,
            "retracted_by_event_id": retracted.event_id if retracted else None,
            "ingested_at": e.recorded,
        }
        typed = {
            payload_column(k): (
                date.fromisoformat(v)
                if k in ("birth_date", "next_due", "period_start", "period_end")
                and isinstance(v, str)
                else v
            )
            for k, v in e.payload.items()
        }
        rows_by_table[table_name(e.event_type)].append({**envelope, **typed})
        rows_by_table["events"].append(
            {**envelope, "payload_json": json.dumps(e.payload, sort_keys=True, default=str)}
        )

    counts = {}
    for table, rows in rows_by_table.items():
        if table == "events":
            schema = pa.schema(
                [pa.field(c, _ENVELOPE_TYPES.get(c, pa.string())) for c in ENVELOPE_COLUMNS]
                + [pa.field("payload_json", pa.string())]
            )
        else:
            schema = table_schema(next(t for t in PAYLOADS if table_name(t) == table))
        schema = schema.append(pa.field(lakehouse.SILVER_PARTITION, pa.int32()))
        for r in rows:
            r[lakehouse.SILVER_PARTITION] = r["occurred_date"].year
        # an always-empty table is still a table, with its schema (as an empty Spark write)
        write_deltalake(
            str(silver_dir / table),
            pa.Table.from_pylist(rows, schema=schema),
            mode="overwrite",
            partition_by=[lakehouse.SILVER_PARTITION],
            configuration={"delta.enableDeletionVectors": "false"},
        )
        counts[table] = len(rows)
    versions = {t: lakehouse.current_version(silver_dir / t) for t in rows_by_table}
    lakehouse.write_release(
        silver_dir,
        lakehouse.SilverRelease(
            run_id="fixture",
            bronze_version=None,
            tables={t: v for t, v in versions.items() if v is not None},
        ),
    )
    return counts
