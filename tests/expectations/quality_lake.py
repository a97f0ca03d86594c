"""Builds a small, consistent lake (bronze, dead letters, ingest run, silver, staging marts)
that each test corrupts in one place. Built from plain dicts so a corruption is a one-line
change."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute
from deltalake import write_deltalake

from ingestion.bronze import DEADLETTER_SCHEMA
from trappe.contract.lake import BRONZE_TABLE_SCHEMA
from trappe.core.lakehouse import (
    BRONZE_PARTITION,
    BRONZE_TABLE_CONFIG,
    SilverRelease,
    write_release,
)
from trappe.core.settings import Settings

LOCAL = ZoneInfo("Europe/Copenhagen")
UTC_TS = pa.timestamp("us", tz="UTC")
RUN_ID = "ingest-0001"
INGESTED_AT = datetime(2016, 1, 10, 12, 0, tzinfo=UTC)
INGEST_DATE = "2016-01-10"
BATCH_ID = "20160110T120000000000Z-00000001-00001"
MUNICIPALITY = "657"

# payload column types of the silver tables the fixture writes
PAYLOAD_TYPES = {
    "case.opened": {
        "district": pa.string(),
        "team": pa.string(),
        "birth_month": pa.string(),
        "birth_date": pa.date32(),
    },
    "case.closed": {"reason": pa.string()},
    "ladder.moved": {
        "measure_id": pa.string(),
        "from_step": pa.int32(),
        "to_step": pa.int32(),
        "measure_type": pa.string(),
        "provider_id": pa.string(),
        "daily_cost_dkk": pa.float64(),
        "short_term": pa.bool_(),
        "reason": pa.string(),
    },
    "followup.held": {
        "measure_id": pa.string(),
        "child_conversation": pa.bool_(),
        "action_plan_reviewed": pa.bool_(),
        "channel": pa.string(),
        "statutory": pa.bool_(),
        "next_due": pa.date32(),
    },
    "placement.broke_down": {"measure_id": pa.string(), "initiated_by": pa.string()},
    "event.retracted": {"retracts_event_id": pa.string(), "reason": pa.string()},
    "cost.booked": {
        "measure_id": pa.string(),
        "amount_dkk": pa.float64(),
        "period_start": pa.date32(),
        "period_end": pa.date32(),
    },
    "notification.received": {
        "notification_id": pa.string(),
        "source": pa.string(),
        "concern": pa.string(),
    },
}


def event(event_id, event_type, day, case_id, payload, child_id=None):
    occurred = datetime.combine(date.fromisoformat(day), datetime.min.time(), LOCAL)
    return {
        "event_id": event_id,
        "event_type": event_type,
        "schema_version": 1,
        "occurred_at": occurred.astimezone(UTC),
        "recorded_at": (occurred + timedelta(hours=10)).astimezone(UTC),
        "municipality": MUNICIPALITY,
        "case_id": case_id,
        "child_id": child_id or "K-" + case_id,
        "caseworker_id": "W-07",
        "payload": payload,
    }


def clean_events() -> list[dict]:
    return [
        event(
            "E-01",
            "case.opened",
            "2015-01-05",
            "C-1",
            {"district": "Sdr. Felding", "team": "pilot", "birth_month": "2006-05"},
        ),
        event(
            "E-02",
            "case.opened",
            "2015-01-10",
            "C-2",
            {"district": "Herning Midt", "team": "other", "birth_month": "2004-02"},
        ),
        event(
            "E-03",
            "ladder.moved",
            "2015-01-20",
            "C-1",
            {
                "measure_id": "M-1",
                "from_step": None,
                "to_step": 5,
                "measure_type": "residential_institution",
                "provider_id": "P-Toften",
                "daily_cost_dkk": 2650.0,
                "short_term": False,
                "reason": "escalation",
            },
        ),
        event(
            "E-04",
            "ladder.moved",
            "2015-02-01",
            "C-2",
            {
                "measure_id": "M-2",
                "from_step": None,
                "to_step": 4,
                "measure_type": "foster_family",
                "provider_id": "P-F1",
                "daily_cost_dkk": 1100.0,
                "short_term": False,
                "reason": "escalation",
            },
        ),
        event(
            "E-05",
            "followup.held",
            "2015-02-03",
            "C-1",
            {
                "measure_id": "M-1",
                "child_conversation": True,
                "action_plan_reviewed": True,
                "channel": "in_person",
                "statutory": True,
            },
        ),
        event(
            "E-06",
            "cost.booked",
            "2015-02-20",
            "C-1",
            {
                "measure_id": "M-1",
                "amount_dkk": 80000.0,
                "period_start": "2015-01-20",
                "period_end": "2015-02-19",
            },
        ),
        event(
            "E-07",
            "ladder.moved",
            "2015-04-01",
            "C-1",
            {
                "measure_id": "M-3",
                "from_step": 5,
                "to_step": 4,
                "measure_type": "foster_family",
                "provider_id": "P-F2",
                "daily_cost_dkk": 1000.0,
                "short_term": False,
                "reason": "planned",
            },
        ),
        event(
            "E-08",
            "notification.received",
            "2015-01-02",
            "C-2",
            {"notification_id": "N-1", "source": "school", "concern": "fravær"},
        ),
    ]


def _period(period: str) -> tuple[str, date, date]:
    if "H" in period:
        year, half = int(period[:4]), int(period[-1])
        start = date(year, 1 if half == 1 else 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        return "half_year", start, end
    if "-" in period:
        start = date.fromisoformat(period + "-01")
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return "month", start, nxt - timedelta(days=1)
    return "year", date(int(period), 1, 1), date(int(period), 12, 31)


def kpi_row(
    kpi,
    period,
    breakdown,
    value,
    unit,
    numerator=None,
    denominator=None,
    district_group="all",
    district="all",
):
    period_type, start, end = _period(period)
    return {
        "kpi": kpi,
        "period": period,
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "municipality": MUNICIPALITY,
        "district_group": district_group,
        "district": district,
        "breakdown": breakdown,
        "numerator": value if numerator is None else numerator,
        "denominator": denominator,
        "value": value,
        "unit": unit,
    }


def clean_kpis() -> list[dict]:
    months = [f"2015-{m:02d}" for m in range(1, 7)]
    rows = []
    for i, period in enumerate([*months, "2015H1", "2015"]):
        child_years = round(0.4 + 0.2 * i, 4)
        rows.append(kpi_row("placed_child_years", period, "all", child_years, "child-years"))
        rows.append(
            kpi_row(
                "placed_child_years",
                period,
                "all",
                min(child_years, 0.9),
                "child-years",
                district_group="pilot",
                district="Sdr. Felding",
            )
        )
        for breakdown, share in (
            ("institution", 60.0),
            ("family_foster_care", 40.0),
            ("home_based_placement", 0.0),
            ("residential_institution", 60.0),
            ("foster_family", 40.0),
        ):
            rows.append(
                kpi_row(
                    "placement_share",
                    period,
                    breakdown,
                    share,
                    "%",
                    numerator=child_years * share / 100,
                    denominator=child_years,
                )
            )
    for period in ("2015H1", "2015"):
        rows += [
            kpi_row("expenditure", period, "institution", 80000.0, "DKK"),
            kpi_row(
                "unit_cost_per_child_year",
                period,
                "all",
                900000.0,
                "DKK",
                numerator=1_080_000.0,
                denominator=1.2,
            ),
            kpi_row("followup_compliance_herning", period, "all", 75.0, "%", 3, 4),
            # a per-100 ratio: may exceed 100 without being wrong
            kpi_row("breakdown_rate", period, "all", 250.0, "%", 3, 1.2),
        ]
    return rows


@dataclass
class LakeSpec:
    """What the fixture lake holds; tests change it before `build()`."""

    events: list[dict] = field(default_factory=clean_events)
    kpis: list[dict] = field(default_factory=clean_kpis)
    duplicates: int = 1
    dead_letters: list[dict] = field(
        default_factory=lambda: [
            {
                "reason": "line 3: invalid JSON",
                "error_code": "invalid_json",
                "error_field": None,
                "event_id": None,
                "raw": '{"event_id": "E-x", "cpr": "[CPR]"',
            }
        ]
    )
    run_record: dict | None = None  # overrides of the ingest run record's keys
    # the build's as-of time T (None: every recorded event counts)
    as_of: datetime | None = None
    # events in bronze only: not (yet) transformed into silver
    not_in_silver: set[str] = field(default_factory=set)
    # event_ids silver holds twice (deduplication broken)
    silver_copies: set[str] = field(default_factory=set)
    # rows of bronze no silver table can hold (a null envelope field), beside `events`
    bronze_only: list[dict] = field(default_factory=list)
    # the previous published build's kpi_values; None: nothing published yet
    previous_kpis: list[dict] | None = None


def _bronze(events: list[dict]) -> pa.Table:
    rows = []
    for line, e in enumerate(events, start=1):
        row = {k: v for k, v in e.items() if k != "payload"}
        row.update(
            payload_json=json.dumps(e["payload"], sort_keys=True, ensure_ascii=False),
            source_kind="file",
            source_file="events.jsonl",
            source_line=line,
            ingested_at=INGESTED_AT,
            ingest_run_id=RUN_ID,
            ingest_batch_id=BATCH_ID,
            ingest_row=line - 1,
            ingest_date=INGEST_DATE,
        )
        rows.append(row)
    schema = BRONZE_TABLE_SCHEMA
    if any(v is None for row in rows for k, v in row.items() if not schema.field(k).nullable):
        # a writer that does not keep bronze's contract (the gate must still catch it)
        schema = pa.schema([f.with_nullable(True) for f in schema])
    return pa.Table.from_pylist(rows, schema=schema)


def _retractions(events: list[dict]) -> dict[str, tuple[datetime, str]]:
    """event_id -> (recorded_at, event_id) of the first retraction naming it, as silver marks it."""
    marks: dict[str, tuple[datetime, str]] = {}
    for e in sorted(events, key=lambda e: e["recorded_at"]):
        if e["event_type"] == "event.retracted":
            marks.setdefault(e["payload"]["retracts_event_id"], (e["recorded_at"], e["event_id"]))
    return marks


def _silver_table(events: list[dict], event_type: str | None) -> pa.Table:
    envelope = [
        ("event_id", pa.string()),
        ("event_type", pa.string()),
        ("schema_version", pa.int32()),
        ("occurred_at", UTC_TS),
        ("occurred_date", pa.date32()),
        ("recorded_at", UTC_TS),
        ("municipality", pa.string()),
        ("case_id", pa.string()),
        ("child_id", pa.string()),
        ("caseworker_id", pa.string()),
        ("retracted_at", UTC_TS),
        ("retracted_by_event_id", pa.string()),
        ("ingested_at", UTC_TS),
        ("event_year", pa.int32()),
    ]
    extra = (
        [("payload_json", pa.string())]
        if event_type is None
        else list(PAYLOAD_TYPES[event_type].items())
    )
    rows = []
    marks = _retractions(events)
    for e in events:
        if event_type is not None and e["event_type"] != event_type:
            continue
        local_date = e["occurred_at"].astimezone(LOCAL).date()
        row = {k: v for k, v in e.items() if k != "payload"}
        retracted_at, retracted_by = marks.get(e["event_id"], (None, None))
        row.update(
            occurred_date=local_date,
            retracted_at=retracted_at,
            retracted_by_event_id=retracted_by,
            ingested_at=INGESTED_AT,
            event_year=local_date.year,
        )
        if event_type is None:
            row["payload_json"] = json.dumps(e["payload"], sort_keys=True, ensure_ascii=False)
        else:
            for name, kind in PAYLOAD_TYPES[event_type].items():
                value = e["payload"].get(name)
                row[name] = date.fromisoformat(value) if kind == pa.date32() and value else value
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=pa.schema(envelope + extra))


def _write_partitioned(table: pa.Table, directory: Path) -> int:
    """One silver Delta table, partitioned by event_year, as the transformations write it; its
    version."""
    write_deltalake(
        str(directory),
        table,
        partition_by=["event_year"],
        configuration={"delta.enableDeletionVectors": "false"},
    )
    return 0


def build_lake(home: Path, spec: LakeSpec) -> Settings:
    settings = Settings(home=home)
    # bronze and the dead letters as ingestion keeps them: Delta tables, one batch each
    bronze = _bronze(spec.events + spec.bronze_only)
    write_deltalake(
        str(settings.bronze_dir),
        bronze,
        partition_by=[BRONZE_PARTITION],
        configuration=BRONZE_TABLE_CONFIG,
    )
    dead_rows = [
        {
            **d,
            "source_kind": "file",
            "source_file": "events.jsonl",
            "source_line": 99,
            "ingested_at": INGESTED_AT,
            "ingest_run_id": RUN_ID,
            "ingest_batch_id": BATCH_ID,
            "ingest_row": row,
            "ingest_date": INGEST_DATE,
        }
        for row, d in enumerate(spec.dead_letters)
    ]
    write_deltalake(
        str(settings.deadletter_dir),
        pa.Table.from_pylist(dead_rows, schema=DEADLETTER_SCHEMA),
        partition_by=[BRONZE_PARTITION],
    )

    by_reason: dict[str, int] = {}
    for d in spec.dead_letters:
        by_reason[d["error_code"]] = by_reason.get(d["error_code"], 0) + 1
    record = {
        "run_id": RUN_ID,
        "status": "completed",
        "source": "file:events.jsonl",
        "read": bronze.num_rows + spec.duplicates + len(spec.dead_letters),
        "written": bronze.num_rows,
        "duplicates": spec.duplicates,
        "dead_letters": len(spec.dead_letters),
        "dead_letters_by_reason": by_reason,
        "batches": 1,
        **(spec.run_record or {}),
    }
    settings.ingest_runs_dir.mkdir(parents=True)
    (settings.ingest_runs_dir / f"{RUN_ID}.json").write_text(json.dumps(record))

    # silver: Delta tables and the release that publishes them, as a transform leaves them
    silver = [e for e in spec.events if e["event_id"] not in spec.not_in_silver]
    silver += [e for e in spec.events if e["event_id"] in spec.silver_copies]
    versions = {
        "events": _write_partitioned(_silver_table(silver, None), settings.silver_dir / "events")
    }
    for event_type in PAYLOAD_TYPES:
        table = _silver_table(silver, event_type)
        if table.num_rows:
            name = event_type.replace(".", "_")
            versions[name] = _write_partitioned(table, settings.silver_dir / name)
    write_release(
        settings.silver_dir,
        SilverRelease(run_id="transform-0001", bronze_version=0, tables=versions),
    )

    write_kpis(settings.staging_db, spec.kpis)
    if spec.previous_kpis is not None:
        write_kpis(settings.published_db, spec.previous_kpis)
    return settings


def write_kpis(db: Path, kpis: list[dict]) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(kpis, columns=list(kpi_row("k", "2015", "all", 0.0, "count")))
    con = duckdb.connect(str(db))
    try:
        con.register("frame", frame)
        con.execute("""CREATE OR REPLACE TABLE kpi_values AS SELECT kpi, period, period_type,
                       period_start::DATE AS period_start, period_end::DATE AS period_end,
                       municipality, district_group, district, breakdown,
                       numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator,
                       value::DOUBLE AS value, unit FROM frame""")
    finally:
        con.close()
