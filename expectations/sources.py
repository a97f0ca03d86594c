"""The lake as DuckDB views, so every check is a query and nothing big is pulled into pandas.

Bronze and dead letters are read in place; silver's Delta tables at the versions of silver's
release; ingest run records are small JSON files; the marts are the staging (or published)
DuckDB file attached read-only.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import duckdb
import pandas as pd

from trappe.core.lakehouse import read_release, register_view
from trappe.core.settings import Settings

log = logging.getLogger(__name__)

# Silver tables the checks read, with the columns they need: a table with no events yet (no
# follow-ups in a young lake) is an empty view, not an error, and a column no file of a table
# holds yet is null rather than a check that cannot run.
ENVELOPE_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",
    "event_type": "VARCHAR",
    "occurred_at": "TIMESTAMPTZ",
    "occurred_date": "DATE",
    "recorded_at": "TIMESTAMPTZ",
    "municipality": "VARCHAR",
    "case_id": "VARCHAR",
    "child_id": "VARCHAR",
    "retracted_at": "TIMESTAMPTZ",
    "ingested_at": "TIMESTAMPTZ",
}
SILVER_COLUMNS: dict[str, dict[str, str]] = {
    "events": {**ENVELOPE_COLUMNS, "payload_json": "VARCHAR"},
    "case_opened": {
        **ENVELOPE_COLUMNS,
        "district": "VARCHAR",
        "birth_date": "DATE",
        "birth_month": "VARCHAR",
    },
    "case_transferred": {**ENVELOPE_COLUMNS, "district": "VARCHAR"},
    "case_closed": {**ENVELOPE_COLUMNS, "reason": "VARCHAR"},
    "ladder_moved": {
        **ENVELOPE_COLUMNS,
        "measure_id": "VARCHAR",
        "measure_type": "VARCHAR",
        "from_step": "INTEGER",
        "to_step": "INTEGER",
        "daily_cost_dkk": "DOUBLE",
    },
    "followup_held": {**ENVELOPE_COLUMNS, "measure_id": "VARCHAR", "next_due": "DATE"},
    "cost_booked": {
        **ENVELOPE_COLUMNS,
        "measure_id": "VARCHAR",
        "amount_dkk": "DOUBLE",
        "period_start": "DATE",
        "period_end": "DATE",
    },
    "placement_broke_down": {**ENVELOPE_COLUMNS, "measure_id": "VARCHAR"},
}


def _sql_str(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _has_parquet(directory: Path) -> bool:
    return directory.is_dir() and next(directory.rglob("*.parquet"), None) is not None


def _parquet_view(
    con: duckdb.DuckDBPyConnection,
    name: str,
    directory: Path,
    columns: dict[str, str] | None = None,
) -> bool:
    if not _has_parquet(directory):
        return False
    glob = _sql_str(directory / "**" / "*.parquet")
    relation = f"read_parquet({glob}, hive_partitioning = true, union_by_name = true)"
    select = "SELECT *"
    if columns:
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
        select += "".join(
            f", NULL::{kind} AS {column}"
            for column, kind in columns.items()
            if column not in present
        )
    con.execute(f"CREATE OR REPLACE VIEW {name} AS {select} FROM {relation}")
    return True


def _with_columns(
    con: duckdb.DuckDBPyConnection, name: str, source: str, columns: dict[str, str]
) -> None:
    """A view `name` of `source` with every column of `columns` (null where it has none)."""
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    extra = "".join(
        f", NULL::{kind} AS {column}" for column, kind in columns.items() if column not in present
    )
    con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT *{extra} FROM {source}")


def one_row(cursor: duckdb.DuckDBPyConnection) -> tuple:
    """The row of a query that returns exactly one (an aggregate)."""
    row = cursor.fetchone()
    if row is None:
        raise duckdb.Error("the query returned no row")
    return row


def read_ingest_runs(directory: Path) -> pd.DataFrame:
    """One row per `ingest_runs/<run_id>.json`.

    Tolerant of the record's shape: `dead_letters` may be a total or a by-reason mapping, and
    the by-reason mapping may sit under `dead_letters_by_reason` or `counts.dead_letters`.
    """
    rows: list[dict[str, object]] = []
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            rows.append({"run_id": path.stem, "status": f"unreadable: {exc}"})
            continue
        counts = record.get("counts") if isinstance(record.get("counts"), dict) else {}

        def pick(key: str, record: dict = record, counts: dict = counts):
            return record[key] if key in record else counts.get(key)

        dead = pick("dead_letters")
        by_reason = record.get("dead_letters_by_reason")
        if isinstance(dead, dict):
            by_reason, dead = dead, None
        by_reason_total = (
            sum(int(v) for v in by_reason.values()) if isinstance(by_reason, dict) else None
        )
        rows.append(
            {
                "run_id": str(record.get("run_id") or path.stem),
                "status": record.get("status"),
                "read": pick("read"),
                "written": pick("written"),
                "duplicates": pick("duplicates"),
                "dead_letters": dead if dead is not None else by_reason_total,
                "dead_letters_by_reason_total": by_reason_total,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "run_id",
            "status",
            "read",
            "written",
            "duplicates",
            "dead_letters",
            "dead_letters_by_reason_total",
        ],
    )
    for column in ("read", "written", "duplicates", "dead_letters", "dead_letters_by_reason_total"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    frame["status"] = frame["status"].astype("string")
    frame["run_id"] = frame["run_id"].astype("string")
    return frame


class Lake:
    """An in-memory DuckDB connection with one view per layer table the checks read.

    A missing source simply has no view: the checks that need it report it (fail closed).
    """

    def __init__(
        self, settings: Settings, marts_db: Path | None = None, previous_db: Path | None = None
    ) -> None:
        self.settings = settings
        self.con = duckdb.connect(":memory:")
        # Checks compare instants; UTC keeps casts of TIMESTAMPTZ free of the host's zone.
        self.con.execute("SET TimeZone = 'UTC'")
        self.marts_db = marts_db
        self.previous_db = previous_db

    def attach_bronze(self) -> None:
        # Delta tables, each at its newest version (a batch half-written by a crashed ingest is
        # in no version)
        register_view(self.con, "bronze_events", self.settings.bronze_dir)
        if not register_view(self.con, "deadletters", self.settings.deadletter_dir):
            self.con.execute(
                "CREATE OR REPLACE VIEW deadletters AS SELECT NULL::VARCHAR AS reason, "
                "NULL::VARCHAR AS error_field, NULL::VARCHAR AS event_id, "
                "NULL::VARCHAR AS raw, NULL::VARCHAR AS ingest_run_id WHERE false"
            )
        runs = read_ingest_runs(self.settings.ingest_runs_dir)
        self.con.register("ingest_runs_frame", runs)
        self.con.execute("CREATE OR REPLACE VIEW ingest_runs AS SELECT * FROM ingest_runs_frame")

    def attach_silver(self) -> None:
        """Each silver table at the version of silver's release (what dbt reads too): a table a
        crashed transform committed past it is not seen."""
        root = self.settings.silver_dir
        release = read_release(root)
        for table, columns in SILVER_COLUMNS.items():
            view = f"silver_{table}"
            version = release.tables.get(table) if release is not None else None
            if version is not None and register_view(
                self.con, f"{view}__release", root / table, version
            ):
                _with_columns(self.con, view, f"{view}__release", columns)
            elif table != "events":
                select = ", ".join(f"NULL::{kind} AS {name}" for name, kind in columns.items())
                self.con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT {select} WHERE false")

    def attach_marts(self) -> None:
        if self.marts_db is not None and self.marts_db.exists():
            self.con.execute(f"ATTACH {_sql_str(self.marts_db)} AS marts (READ_ONLY)")
        if self.previous_db is not None and self.previous_db.exists():
            try:
                self.con.execute(f"ATTACH {_sql_str(self.previous_db)} AS prev (READ_ONLY)")
            except duckdb.Error as exc:  # e.g. a writer holds it: comparison is a warning only
                log.warning(
                    "cannot open the previous published build %s: %s", self.previous_db, exc
                )

    def close(self) -> None:
        self.con.close()
