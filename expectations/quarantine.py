"""The quarantine: events held out of the marts instead of stopping the feed.

The contract lets events arrive late and out of order, and bronze is append-only. So an event
that cannot be placed yet (a move whose case.opened is not recorded) or that a check rejects (a
date out of range, an implausible amount) is *held*: before dbt runs, the gate writes the held
event_ids to `quality/quarantine/<run_id>.parquet`, and dbt's staging leaves them out (the
`staged_events` macro, var `quarantine_path`: the one place the exclusion lives). The quarantine
is computed afresh for every build from silver as of the build's time T, so an event enters the
marts by itself with the first build whose input places it: its parent arrived, or the
offending event was retracted.

Rules run in stages (`Check.stage`): a rule reads `counting_<table>`, the visible events not held
by an earlier stage, so the events of a held case.opened wait as orphans, as they will in dbt.
A held event's age runs from its recorded_at to the build's T (or, without one, the newest
recorded_at): deterministic, like the marts, and judged by the quarantine-age rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from expectations.checks import CPR_REGEX_SQL, Check, sql_string, without_uuids
from expectations.sources import SILVER_COLUMNS, Lake, one_row
from trappe.core.storage import atomic_file

SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("event_type", pa.string()),
        ("municipality", pa.string()),
        ("case_id", pa.string()),
        ("recorded_at", pa.timestamp("us", tz="UTC")),
        ("check", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("age_days", pa.float64()),
    ]
)


def timestamp_sql(ts: datetime | None) -> str:
    """A TIMESTAMPTZ literal; None is the end of time (every recorded event counts)."""
    if ts is None:
        return "'infinity'::TIMESTAMPTZ"
    if ts.tzinfo is None:
        raise ValueError(f"{ts.isoformat()} has no time zone")
    return f"TIMESTAMPTZ '{ts.astimezone(UTC).isoformat()}'"


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    try:
        con.execute(f"SELECT * FROM {name} LIMIT 0")
        return True
    except duckdb.Error:
        return False


def _masked(expression: str) -> str:
    # what the quarantine writes down never carries a CPR number, whatever a finding held
    return f"regexp_replace({without_uuids(expression)}, {CPR_REGEX_SQL}, '[CPR]', 'g')"


@dataclass
class Quarantine:
    """The quarantine of one run, as the gate reports and publishes it."""

    as_of: datetime | None
    reference: datetime | None  # the time ages are counted to
    rows: pa.Table = field(default_factory=SCHEMA.empty_table)

    @property
    def events(self) -> int:
        return len(set(self.rows.column("event_id").to_pylist()))

    def by_check(self) -> dict[str, tuple[int, str]]:
        """check -> (held events, reason)."""
        out: dict[str, tuple[set, str]] = {}
        for row in self.rows.select(["event_id", "check", "reason"]).to_pylist():
            ids, _ = out.setdefault(row["check"], (set(), row["reason"]))
            ids.add(row["event_id"])
        return {name: (len(ids), reason) for name, (ids, reason) in sorted(out.items())}

    def oldest(self) -> dict | None:
        if not self.rows.num_rows:
            return None
        rows = self.rows.select(["event_id", "event_type", "check", "age_days"]).to_pylist()
        return max(rows, key=lambda r: (r["age_days"] or 0.0, r["event_id"]))

    @property
    def oldest_age_days(self) -> float | None:
        oldest = self.oldest()
        return None if oldest is None else oldest["age_days"]

    def summary(self) -> str:
        if not self.rows.num_rows:
            return "quarantine: empty"
        parts = [f"{n:,} by {name} ({reason})" for name, (n, reason) in self.by_check().items()]
        text = f"quarantine: {self.events:,} events held out of the marts: " + "; ".join(parts)
        oldest = self.oldest()
        if oldest is not None:
            text += (
                f"; oldest {oldest['age_days']:.1f} days ({oldest['event_type']} "
                f"{oldest['event_id']}, {oldest['check']})"
            )
        return text


def prepare(lake: Lake, as_of: datetime | None) -> datetime | None:
    """The as-of views the rules read and an empty `held` table; returns the age reference.

    `visible_<table>` holds the events a build as of T reads, `counting_<table>` those of them not
    held (yet), `visible_bronze` the bronze rows of events that count at T.
    """
    con = lake.con
    t = timestamp_sql(as_of)
    con.execute("""CREATE OR REPLACE TEMP TABLE held (
        event_id VARCHAR NOT NULL, event_type VARCHAR, municipality VARCHAR, case_id VARCHAR,
        recorded_at TIMESTAMPTZ, "check" VARCHAR, reason VARCHAR, detail VARCHAR,
        age_days DOUBLE)""")
    con.execute("CREATE OR REPLACE VIEW quarantine AS SELECT * FROM held")
    for table in SILVER_COLUMNS:
        if not _exists(con, f"silver_{table}"):
            continue
        con.execute(f"""CREATE OR REPLACE VIEW visible_{table} AS SELECT * FROM silver_{table}
            WHERE recorded_at <= {t} AND (retracted_at IS NULL OR retracted_at > {t})""")
        con.execute(f"""CREATE OR REPLACE VIEW counting_{table} AS SELECT * FROM visible_{table}
            WHERE event_id NOT IN (SELECT event_id FROM held)""")
    if _exists(con, "bronze_events"):
        # bronze keeps no retraction marks: silver's say which of its events no longer count
        retracted = (
            "AND NOT EXISTS (SELECT 1 FROM silver_events s WHERE s.event_id = b.event_id "
            f"AND s.retracted_at <= {t})"
            if _exists(con, "silver_events")
            else ""
        )
        con.execute(f"""CREATE OR REPLACE VIEW visible_bronze AS SELECT b.* FROM bronze_events b
            WHERE (b.recorded_at IS NULL OR b.recorded_at <= {t}) {retracted}""")
    if as_of is not None:
        return as_of
    source = next((v for v in ("visible_events", "visible_bronze") if _exists(con, v)), None)
    if source is None:
        return None
    (reference,) = one_row(con.execute(f"SELECT max(recorded_at) FROM {source}"))
    if reference is not None and reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    return reference


def hold(lake: Lake, check: Check, reference: datetime | None) -> tuple[int, int]:
    """Put the events a holding check found in the quarantine: (events held, rows not held).

    A row without an event_id cannot be held (nothing to leave out by), so it counts against
    the check.
    """
    con = lake.con
    sql = check.sql
    (unheld,) = one_row(con.execute(f"SELECT count(*) FROM ({sql}) WHERE event_id IS NULL"))
    sources = [
        f"SELECT event_id, event_type, municipality, case_id, recorded_at, {rank} AS src "
        f"FROM {view} WHERE event_id IN (SELECT event_id FROM one)"
        for rank, view in enumerate(("silver_events", "bronze_events"))
        if _exists(con, view)
    ]
    meta = (
        " UNION ALL ".join(sources)
        if sources
        else "SELECT NULL::VARCHAR AS event_id, NULL::VARCHAR AS event_type, NULL::VARCHAR AS "
        "municipality, NULL::VARCHAR AS case_id, NULL::TIMESTAMPTZ AS recorded_at, 0 AS src"
    )
    ref = timestamp_sql(reference) if reference is not None else "NULL"
    inserted = con.execute(f"""
        INSERT INTO held
        WITH found AS (SELECT * FROM ({sql}) WHERE event_id IS NOT NULL),
             one AS (SELECT DISTINCT ON (event_id) * FROM found ORDER BY event_id),
             meta AS (SELECT event_id, arg_min(event_type, src) AS event_type,
                             arg_min(municipality, src) AS municipality,
                             arg_min(case_id, src) AS case_id,
                             arg_min(recorded_at, src) AS recorded_at
                      FROM ({meta}) GROUP BY event_id)
        SELECT one.event_id, meta.event_type, meta.municipality, {_masked("meta.case_id")},
               meta.recorded_at, {sql_string(check.name)}, {sql_string(check.hold_reason)},
               {_masked("to_json(one)::VARCHAR")},
               greatest(0.0, epoch({ref} - meta.recorded_at) / 86400.0)
        FROM one LEFT JOIN meta USING (event_id)""").fetchone()
    return (int(inserted[0]) if inserted else 0), int(unheld)


def collect(lake: Lake, as_of: datetime | None, reference: datetime | None) -> Quarantine:
    cursor = lake.con.execute(
        'SELECT event_id, event_type, municipality, case_id, recorded_at, "check", reason, '
        'detail, age_days FROM held ORDER BY event_id, "check"'
    )
    rows = [dict(zip(SCHEMA.names, row, strict=True)) for row in cursor.fetchall()]
    return Quarantine(as_of, reference, pa.Table.from_pylist(rows, schema=SCHEMA))


def write(path: Path, quarantine: Quarantine) -> Path:
    """The quarantine as Parquet, written atomically: dbt's staging reads its event_ids."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as handle:
        pq.write_table(quarantine.rows, handle)
    return path
