"""Read-only access to the published marts (`warehouse/published.duckdb`).

Every query opens its own short-lived read-only connection: the quality gate publishes by
replacing the file atomically, and a long-lived connection would keep reading the old one.
Results are cached per file version (inode, size, mtime), so a new publish shows at once and an
unchanged file is queried once per question.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from trappe.core import lakehouse

# The tables the dashboard reads, with the Danish words used when one is missing.
TABLES: dict[str, str] = {
    "kpi_values": "nøgletallene",
    "fct_group_comparisons": "sammenligningerne af distriktsgrupper (signifikanstest)",
    "fct_diff_in_diff": "forskel-i-forskelle-beregningen",
    "audit_build": "oplysningerne om kørslen (opgørelsestidspunkt)",
    "audit_quality_verdict": "kvalitetskontrollens afgørelse",
    "kpi_catalogue": "nøgletalskataloget",
    "kpi_targets": "målene for nøgletallene",
    "audit_quality_checks": "kvalitetskontrollens enkelte kontroller",
    "fct_overdue_followups": "de forfaldne opfølgninger",
    "fct_unassessed_notifications": "underretningerne uden 24-timersvurdering",
    "audit_quality_quarantine": "hændelserne i karantæne (holdt ude af nøgletallene)",
}

# Never reach for the network: the published file needs no extension, and a server here is
# often offline.
_CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class MartUnavailable(Exception):
    """A table the page needs is missing or unreadable; the page says so instead of failing."""

    def __init__(self, table: str, detail: str | None = None):
        self.table = table
        self.detail = detail
        super().__init__(f"{table}: {detail or 'missing'}")


@dataclass(frozen=True)
class PublishedMarts:
    path: str
    version: tuple[int, int, int]
    tables: frozenset[str]

    def has(self, table: str) -> bool:
        return table in self.tables

    def columns(self, table: str) -> frozenset[str]:
        """The columns of `table` (empty when it is not published)."""
        if table not in self.tables:
            return frozenset()
        return _cached_columns(self.path, self.version, table)

    def require(self, table: str) -> None:
        if table not in self.tables:
            raise MartUnavailable(table)

    def query(self, table: str, sql: str, params: tuple = ()) -> pd.DataFrame:
        """Run a query on `table` (named so a failure can say which table let us down)."""
        self.require(table)
        try:
            return _cached_query(self.path, self.version, sql, params)
        except duckdb.Error as exc:
            raise MartUnavailable(table, str(exc).splitlines()[0]) from exc


def open_marts(path: os.PathLike | str) -> PublishedMarts | None:
    """The published marts at `path`, or None when nothing has been published there yet.

    Raises duckdb.Error when the file exists but is not a readable DuckDB database.
    """
    path = Path(path)
    if not path.is_file():
        return None
    stat = path.stat()
    version = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return PublishedMarts(str(path), version, _cached_tables(str(path), version))


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True, config=_CONNECT_CONFIG)


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_tables(path: str, version: tuple) -> frozenset[str]:
    with _connect(path) as con:
        rows = con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()
    return frozenset(name for (name,) in rows)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_columns(path: str, version: tuple, table: str) -> frozenset[str]:
    with _connect(path) as con:
        rows = con.execute(
            "select column_name from information_schema.columns where table_name = ?", [table]
        ).fetchall()
    return frozenset(name for (name,) in rows)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_query(path: str, version: tuple, sql: str, params: tuple) -> pd.DataFrame:
    with _connect(path) as con:
        return con.execute(sql, list(params)).df()


# --- the questions the pages ask -------------------------------------------------------------


def municipalities(marts: PublishedMarts) -> list[str]:
    df = marts.query("kpi_values", "select distinct municipality from kpi_values order by 1")
    return df["municipality"].tolist()


def district_units(marts: PublishedMarts, municipality: str) -> pd.DataFrame:
    """Every (district_group, district) pair with figures: the series a user can pick."""
    return marts.query(
        "kpi_values",
        "select distinct district_group, district from kpi_values where municipality = ? "
        "order by district_group, district",
        (municipality,),
    )


def periods(marts: PublishedMarts, municipality: str, period_type: str) -> pd.DataFrame:
    """The periods of a type, in time order; `period_complete` too when the marts have it."""
    complete = (
        ", bool_and(period_complete) as period_complete"
        if "period_complete" in marts.columns("kpi_values")
        else ""
    )
    return marts.query(
        "kpi_values",
        f"select period, min(period_start) as period_start, max(period_end) as period_end"
        f"{complete} from kpi_values where municipality = ? and period_type = ? "
        "group by period order by period_start",
        (municipality, period_type),
    )


def period_types_of(marts: PublishedMarts, municipality: str, kpi: str) -> list[str]:
    """The period types a KPI is reported by, longest first (year, half-year, month)."""
    df = marts.query(
        "kpi_values",
        "select period_type from kpi_values where municipality = ? and kpi = ? "
        "group by period_type order by max(period_end - period_start) desc",
        (municipality, kpi),
    )
    return df["period_type"].tolist()


def kpi_series(
    marts: PublishedMarts, municipality: str, period_type: str, kpis: tuple[str, ...]
) -> pd.DataFrame:
    """Rows of `kpi_values` for some KPIs, every district unit and breakdown, in period order."""
    placeholders = ", ".join("?" for _ in kpis)
    return marts.query(
        "kpi_values",
        "select kpi, period, period_start, period_end, district_group, district, breakdown, "
        "numerator, denominator, value, unit from kpi_values "
        f"where municipality = ? and period_type = ? and kpi in ({placeholders}) "
        "order by kpi, period_start, district_group, district, breakdown",
        (municipality, period_type, *kpis),
    )


def kpi_units(marts: PublishedMarts) -> dict[str, str]:
    df = marts.query("kpi_values", "select kpi, min(unit) as unit from kpi_values group by kpi")
    return dict(zip(df["kpi"], df["unit"]))


def group_comparisons(
    marts: PublishedMarts, municipality: str, period_type: str, kpi: str
) -> pd.DataFrame:
    return marts.query(
        "fct_group_comparisons",
        "select period, breakdown, group_a, group_b, numerator_a, denominator_a, rate_a, "
        "numerator_b, denominator_b, rate_b, difference, ci_low, ci_high, p_value, test, "
        "significant from fct_group_comparisons "
        "where municipality = ? and period_type = ? and kpi = ? order by period, breakdown",
        (municipality, period_type, kpi),
    )


# fct_diff_in_diff's interval, test and verdict (dbt computes them; an older build has none)
DID_OPTIONAL = ("ci_low", "ci_high", "p_value", "test", "significant", "period_complete")


def diff_in_diff(marts: PublishedMarts, municipality: str) -> pd.DataFrame:
    """fct_diff_in_diff's rows; the optional columns null when the build has none of them."""
    present = marts.columns("fct_diff_in_diff") if marts.has("fct_diff_in_diff") else frozenset()
    optional = ", ".join(c if c in present else f"null as {c}" for c in DID_OPTIONAL)
    return marts.query(
        "fct_diff_in_diff",
        "select kpi, breakdown, baseline_period, comparison_period, pilot_baseline, "
        "pilot_comparison, other_baseline, other_comparison, pilot_change, other_change, "
        f"diff_in_diff, {optional} from fct_diff_in_diff where municipality = ? "
        "order by kpi, breakdown, comparison_period",
        (municipality,),
    )


def audit_build(marts: PublishedMarts) -> dict | None:
    """The build's as-of and event watermark; None when the table is not published."""
    if not marts.has("audit_build"):
        return None
    df = marts.query("audit_build", "select * from audit_build")
    return df.iloc[0].to_dict() if len(df) else None


def quality_verdict(marts: PublishedMarts) -> dict | None:
    if not marts.has("audit_quality_verdict"):
        return None
    df = marts.query(
        "audit_quality_verdict", "select * from audit_quality_verdict order by validated_at desc"
    )
    return df.iloc[0].to_dict() if len(df) else None


@dataclass(frozen=True)
class Catalogue:
    labels: dict[str, str]
    lower_is_better: dict[str, bool]


def kpi_catalogue(marts: PublishedMarts) -> Catalogue:
    """Danish labels and the good direction of each KPI from the `kpi_catalogue` seed.

    Empty when the seed is not published: the dashboard's own labels apply.
    """
    empty = Catalogue({}, {})
    if not marts.has("kpi_catalogue"):
        return empty
    try:
        df = marts.query("kpi_catalogue", "select * from kpi_catalogue")
    except MartUnavailable:
        return empty
    code = next((c for c in ("kpi", "code") if c in df.columns), None)
    if code is None:
        return empty
    labels, lower = {}, {}
    for _, row in df.iterrows():
        if "label_da" in df.columns and pd.notna(row["label_da"]) and str(row["label_da"]):
            labels[str(row[code])] = str(row["label_da"])
        if "lower_is_better" in df.columns and pd.notna(row["lower_is_better"]):
            value = row["lower_is_better"]
            lower[str(row[code])] = (
                value if isinstance(value, bool) else str(value).lower() == "true"
            )
        # a warehouse published before the catalogue named the direction the other way round
        elif "higher_is_better" in df.columns and pd.notna(row["higher_is_better"]):
            value = row["higher_is_better"]
            higher = value if isinstance(value, bool) else str(value).lower() == "true"
            lower[str(row[code])] = not higher
    return Catalogue(labels, lower)


def targets(marts: PublishedMarts) -> pd.DataFrame:
    """The `kpi_targets` seed: kpi, breakdown, comparator (<= or >=), target, source."""
    if not marts.has("kpi_targets"):
        return pd.DataFrame(columns=["kpi", "breakdown", "comparator", "target", "source"])
    return marts.query(
        "kpi_targets", "select kpi, breakdown, comparator, target, source from kpi_targets"
    )


def quality_checks(marts: PublishedMarts, run_id: str | None) -> pd.DataFrame:
    """Every check of the quality gate's run `run_id` (audit_quality_checks)."""
    marts.require("audit_quality_checks")
    where, params = ("where run_id = ?", (run_id,)) if run_id else ("", ())
    return marts.query(
        "audit_quality_checks",
        f"select * from audit_quality_checks {where} order by case layer when 'bronze' then 0 "
        "when 'silver' then 1 else 2 end, severity, \"check\"",
        params,
    )


def quarantine(
    marts: PublishedMarts, run_id: str | None
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The quality gate's quarantine of run `run_id` (audit_quality_quarantine: one row per
    held event and the check that held it): events held by check and reason, with the oldest
    one's age in days, and the newest 100 rows. None when the build publishes no quarantine."""
    table = "audit_quality_quarantine"
    if not marts.has(table):
        return None
    present = marts.columns(table)
    missing = {"check", "reason", "event_id", "age_days"} - present
    if missing:
        raise MartUnavailable(table, f"columns {', '.join(sorted(missing))} missing")
    where, params = ("where run_id = ?", (run_id,)) if run_id and "run_id" in present else ("", ())
    by_check = marts.query(
        table,
        'select "check", reason, count(distinct event_id) as events, max(age_days) as '
        f"oldest_days from {table} {where} group by all order by events desc",
        params,
    )
    wanted = ("recorded_at", "event_type", "event_id", "case_id", "check", "reason", "detail")
    columns = ", ".join(f'"{c}"' if c in present else f'null::varchar as "{c}"' for c in wanted)
    newest = marts.query(
        table,
        f"select {columns}, age_days from {table} {where} "
        "order by age_days desc nulls last limit 100",
        params,
    )
    return by_check, newest


def overdue_followups(
    marts: PublishedMarts, municipality: str, teams: tuple[str, ...]
) -> pd.DataFrame:
    """The overdue follow-ups of some teams (`fct_overdue_followups`), longest overdue first."""
    placeholders = ", ".join("?" for _ in teams) or "null"
    return marts.query(
        "fct_overdue_followups",
        "select team, caseworker_id, case_id, child_id, district, measure_type, step, schedule, "
        "due_date, missed_due_dates, last_followup_date, days_overdue, as_of_date "
        "from fct_overdue_followups "
        f"where municipality = ? and team in ({placeholders}) "
        "order by days_overdue desc, case_id, schedule",
        (municipality, *teams),
    )


def unassessed_notifications(
    marts: PublishedMarts, municipality: str, teams: tuple[str, ...]
) -> pd.DataFrame:
    """Notifications of some teams without a 24-hour assessment, newest first."""
    placeholders = ", ".join("?" for _ in teams) or "null"
    return marts.query(
        "fct_unassessed_notifications",
        "select team, caseworker_id, case_id, child_id, district, notification_id, source, "
        "received_at, assessment_due_at, assessed_at, status, hours_since_received "
        "from fct_unassessed_notifications "
        f"where municipality = ? and team in ({placeholders}) "
        "order by status desc, received_at desc",
        (municipality, *teams),
    )


def teams(marts: PublishedMarts, municipality: str) -> list[str]:
    """The teams that have something on the team leaders' lists."""
    names: set[str] = set()
    for table in ("fct_overdue_followups", "fct_unassessed_notifications"):
        if marts.has(table):
            df = marts.query(
                table, f"select distinct team from {table} where municipality = ?", (municipality,)
            )
            names.update(df["team"])
    return sorted(names)


def dead_letters(deadletter_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dead letters in the lake: counts by reason code and field, and the newest 100.

    Read with DuckDB from the dead-letter Delta table's newest version; empty when there are
    none.
    """
    version = lakehouse.current_version(Path(deadletter_dir))
    if version is None:
        return pd.DataFrame(), pd.DataFrame()
    return _cached_dead_letters(str(deadletter_dir), version)


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_dead_letters(path: str, version: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    source = "dead_letters"
    with duckdb.connect(config=_CONNECT_CONFIG) as con:
        lakehouse.register_view(con, source, Path(path), version)
        columns = {c for (c, *_) in con.execute(f"describe select * from {source}").fetchall()}
        code = "error_code" if "error_code" in columns else "'unreadable'"
        field = "error_field" if "error_field" in columns else "null"
        counts = con.execute(
            f"select {code} as error_code, {field} as error_field, count(*) as records "
            f"from {source} group by all order by records desc"
        ).df()
        order = "ingested_at desc" if "ingested_at" in columns else "1"
        wanted = [
            c
            for c in (
                "ingested_at",
                "error_code",
                "error_field",
                "reason",
                "source_file",
                "source_line",
                "source_topic",
                "source_partition",
                "source_offset",
            )
            if c in columns
        ]
        newest = con.execute(
            f"select {', '.join(wanted)} from {source} order by {order} limit 100"
        ).df()
    return counts, newest


# the export log's fields (trappe/export/audit.py writes them) -> the column a user reads
EXPORT_LOG_COLUMNS = {
    "created_at": "Tidspunkt",
    "user": "Bruger",
    "format": "Format",
    "periods": "Perioder",
    "as_of": "Data opgjort pr.",
    "data_quality": "Datakvalitet",
    "suppressed": "Diskretion",
    "out": "Mappe",
    "files": "Filer",
    "export_id": "Eksport",
}


def export_log(export_log_dir: Path) -> pd.DataFrame:
    """One row per export recorded in `export_log/` (a JSON file each, written by
    `trappe export`), newest first, with Danish column names; read here, never written."""
    import json

    from dashboards.formatting import datetime_label

    rows = []
    for path in sorted(Path(export_log_dir).glob("*.json"), reverse=True)[:200]:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rows.append({"Eksport": path.stem, "Tidspunkt": "kan ikke læses"})
            continue
        if not isinstance(record, dict):
            continue
        files = record.get("files")
        periods = record.get("periods")
        row = {
            "created_at": _timestamp_label(record.get("created_at"), datetime_label),
            "user": record.get("user"),
            "format": record.get("format"),
            "periods": ", ".join(map(str, periods)) if isinstance(periods, list) else periods,
            "as_of": _timestamp_label(record.get("as_of"), datetime_label),
            "data_quality": QUALITY_LABELS.get(str(record.get("data_quality")), "–")
            if not record.get("unvalidated")
            else "ikke valideret",
            "suppressed": "ja" if record.get("suppressed") else "nej",
            "out": record.get("out"),
            "files": len(files) if isinstance(files, dict) else None,
            "export_id": record.get("export_id", path.stem),
        }
        rows.append({EXPORT_LOG_COLUMNS[k]: v for k, v in row.items()})
    return pd.DataFrame(rows)


QUALITY_LABELS = {
    "passed": "godkendt",
    "passed_with_warnings": "godkendt med advarsler",
    "failed": "ikke godkendt",
    "not_validated": "ikke valideret",
}


def _timestamp_label(value: object, label) -> str:
    if not value:
        return "–"
    try:
        return label(pd.Timestamp(str(value)).to_pydatetime())
    except ValueError:
        return str(value)


def table_overview(marts: PublishedMarts) -> pd.DataFrame:
    """Which expected tables are published, and how many rows each holds."""
    rows = []
    for table, description in TABLES.items():
        count = None
        if marts.has(table):
            count = int(marts.query(table, f'select count(*) as n from "{table}"')["n"].iloc[0])
        rows.append({"table": table, "description": description, "rows": count})
    return pd.DataFrame(rows)


def live_freshness(cycles_file: Path, window: int = 50) -> dict | None:
    """How far the published marts are behind the feed in live mode (trappe.core.live_record:
    the latest publication, its newest event's lag, the 95th percentile of every published
    event's lag over the last `window` publications). None when live mode has not run here."""
    from trappe.core.live_record import freshness, read_cycles

    summary = freshness(read_cycles(cycles_file, last=1000), window)
    if summary is not None:
        summary["published_at"] = _parse_timestamp(summary["published_at"])
    return summary


def _parse_timestamp(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None
