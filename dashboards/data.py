"""Read-only access to the published marts (`warehouse/published.duckdb`).

Every query opens its own short-lived read-only connection: the quality gate publishes by
replacing the file atomically, and a long-lived connection would keep reading the old one.
Results are cached per file version (inode, size, mtime), so a new publish shows at once and an
unchanged file is queried once per question.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

# The tables the dashboard reads, with the Danish words used when one is missing.
TABLES: dict[str, str] = {
    "kpi_values": "nøgletallene",
    "fct_group_comparisons": "sammenligningerne af distriktsgrupper (signifikanstest)",
    "fct_diff_in_diff": "forskel-i-forskelle-beregningen",
    "audit_build": "oplysningerne om kørslen (opgørelsestidspunkt)",
    "audit_quality_verdict": "kvalitetskontrollens afgørelse",
    "kpi_catalogue": "nøgletalskataloget",
}

# Never reach for the network: the published file needs no extension, and a server here is
# often offline.
_CONNECT_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


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
    return marts.query(
        "kpi_values",
        "select distinct period, period_start, period_end from kpi_values "
        "where municipality = ? and period_type = ? order by period_start",
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


def kpi_series(marts: PublishedMarts, municipality: str, period_type: str,
               kpis: tuple[str, ...]) -> pd.DataFrame:
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


def group_comparisons(marts: PublishedMarts, municipality: str, period_type: str,
                      kpi: str) -> pd.DataFrame:
    return marts.query(
        "fct_group_comparisons",
        "select period, breakdown, group_a, group_b, numerator_a, denominator_a, rate_a, "
        "numerator_b, denominator_b, rate_b, difference, ci_low, ci_high, p_value, test, "
        "significant from fct_group_comparisons "
        "where municipality = ? and period_type = ? and kpi = ? order by period, breakdown",
        (municipality, period_type, kpi),
    )


def diff_in_diff(marts: PublishedMarts, municipality: str) -> pd.DataFrame:
    return marts.query(
        "fct_diff_in_diff",
        "select kpi, breakdown, baseline_period, comparison_period, pilot_baseline, "
        "pilot_comparison, other_baseline, other_comparison, pilot_change, other_change, "
        "diff_in_diff from fct_diff_in_diff where municipality = ? "
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
        if "higher_is_better" in df.columns and pd.notna(row["higher_is_better"]):
            value = row["higher_is_better"]
            higher = value if isinstance(value, bool) else str(value).lower() == "true"
            lower[str(row[code])] = not higher
    return Catalogue(labels, lower)


def table_overview(marts: PublishedMarts) -> pd.DataFrame:
    """Which expected tables are published, and how many rows each holds."""
    rows = []
    for table, description in TABLES.items():
        count = None
        if marts.has(table):
            count = int(marts.query(table, f'select count(*) as n from "{table}"')["n"].iloc[0])
        rows.append({"table": table, "description": description, "rows": count})
    return pd.DataFrame(rows)
