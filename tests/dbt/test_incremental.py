"""Incremental dbt builds equal full ones (macros/incremental.sql, docs/architecture.md).

On the herning-pilot stream: a full build as of T1, then an incremental build into the same
database as of T2, months later (the events recorded in between are new to it: late ones,
retractions, transfers, closings), must equal a full build as of T2, table by table, every row of
every model and mart. So must an incremental build that moves T back to T1, and one at the same T
(nothing changed). Floating-point columns may differ in their last bits only (a sum's order).
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from trappe.core import lakehouse
from trappe.warehouse import DbtBuildError, dbt_build, incremental_signature

pytestmark = pytest.mark.spark

INCREMENTAL_MODELS = (
    "int_episode_period_days",
    "int_cases_open_in_period",
    "int_case_step_snapshots",
)
# what differs between two builds of the same data by design
VOLATILE_TABLES = {"audit_build"}
_FLOATS = ("DOUBLE", "FLOAT", "REAL")


def _build(settings, database: Path, as_of, reporting_start, **kwargs):
    result = dbt_build(
        settings,
        as_of,
        database=database,
        reporting_start=reporting_start,
        threads=2,
        unit_tests=False,
        **kwargs,
    )
    assert result.success, result.failures
    return result


def _ran_incrementally(database: Path, model: str) -> bool:
    """Whether dbt's last run of `model` into `database` took the incremental branch (its
    compiled SQL computes dirty cases; a full build's does not)."""
    compiled = database.parent / "dbt" / database.stem / "target" / "compiled"
    sql = next(compiled.rglob(f"{model}.sql")).read_text()
    return "dirty_cases" in sql


def _differences(left: Path, right: Path) -> dict[str, str]:
    """Per table, what differs between two builds: a row count, or rows one has that the other
    has not. Floating-point columns are paired by every other column and compared to 1e-9."""
    con = duckdb.connect()
    con.execute(f"attach '{left}' as l (read_only)")
    con.execute(f"attach '{right}' as r (read_only)")
    tables = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = 'r'"
        ).fetchall()
    }
    left_tables = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = 'l'"
        ).fetchall()
    }
    found: dict[str, str] = {}
    if tables != left_tables:
        found["<tables>"] = f"{sorted(tables ^ left_tables)}"
    for table in sorted((tables & left_tables) - VOLATILE_TABLES):
        columns = con.execute(
            "select column_name, data_type from duckdb_columns() "
            "where database_name = 'r' and table_name = ? order by column_index",
            [table],
        ).fetchall()
        exact = [f'"{c}"' for c, kind in columns if kind not in _FLOATS]
        floats = [f'"{c}"' for c, kind in columns if kind in _FLOATS]
        counts = [
            con.execute(f'select count(*) from {db}.main."{table}"').fetchone()[0]
            for db in ("l", "r")
        ]
        if counts[0] != counts[1]:
            found[table] = f"{counts[0]} rows against {counts[1]}"
            continue
        if not floats:
            diff = con.execute(
                f'select count(*) from (select * from l.main."{table}" '
                f'except all select * from r.main."{table}")'
            ).fetchone()[0]
        else:
            order = ", ".join(floats)
            keys = ", ".join(exact) or "1"
            numbered = (
                "select *, row_number() over (partition by {keys} order by {order}) as pair_no "
                'from {db}.main."{table}"'
            )
            match = " and ".join(
                [f"a.{c} is not distinct from b.{c}" for c in exact]
                + ["a.pair_no = b.pair_no"]
                + [
                    f"(a.{c} is not distinct from b.{c} or abs(a.{c} - b.{c}) "
                    f"<= 1e-9 * greatest(1, abs(b.{c})))"
                    for c in floats
                ]
            )
            diff = con.execute(
                f"with a as ({numbered.format(keys=keys, order=order, db='l', table=table)}), "
                f"b as ({numbered.format(keys=keys, order=order, db='r', table=table)}) "
                f"select count(*) from a anti join b on {match}"
            ).fetchone()[0]
        if diff:
            found[table] = f"{diff} of {counts[0]} rows differ"
    con.close()
    return found


@pytest.fixture(scope="module")
def as_of_times(herning_lake):
    """T2, the scenario's end, and T1, 150 days earlier; with what silver recorded in between."""
    settings, world = herning_lake
    t2 = world.now
    t1 = t2 - timedelta(days=150)
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None
    con = duckdb.connect()
    events = lakehouse.parquet_scan_sql(settings.silver_dir / "events", release.tables["events"])
    between = dict(
        con.execute(
            f"select event_type, count(*) from {events} "
            "where recorded_at > ? and recorded_at <= ? group by event_type",
            [t1, t2],
        ).fetchall()
    )
    late = con.execute(
        f"select count(*) from {events} where recorded_at > ? and recorded_at <= ? "
        "and occurred_at < ?",
        [t1, t2, t1],
    ).fetchone()[0]
    con.close()
    return t1, t2, between, late


def test_the_window_holds_what_an_incremental_build_must_handle(as_of_times):
    """The events recorded between T1 and T2 include every kind of change to a case's past."""
    _, _, between, late = as_of_times
    for kind in ("event.retracted", "case.transferred", "case.closed", "ladder.moved"):
        assert between.get(kind, 0) > 0, (kind, between)
    assert late > 0, "no event recorded after T1 that happened before it"


def test_incremental_builds_equal_full_builds(herning_lake, as_of_times, tmp_path):
    settings, world = herning_lake
    t1, t2, _, _ = as_of_times
    incremental = tmp_path / "incremental.duckdb"
    full_t1 = tmp_path / "full_t1.duckdb"
    full_t2 = tmp_path / "full_t2.duckdb"

    _build(settings, incremental, t1, world.start)
    assert not _ran_incrementally(incremental, "int_episode_period_days")
    shutil.copyfile(incremental, full_t1)

    # T moves forward five months: late events, retractions, transfers arrive
    _build(settings, incremental, t2, world.start)
    for model in INCREMENTAL_MODELS:
        assert _ran_incrementally(incremental, model), model
    _build(settings, full_t2, t2, world.start, full_refresh=True)
    assert _differences(incremental, full_t2) == {}

    # the same T again: nothing changed, nothing differs
    _build(settings, incremental, t2, world.start)
    assert _differences(incremental, full_t2) == {}

    # T moves back: the later events leave again, and so do the periods after T1
    _build(settings, incremental, t1, world.start)
    assert _ran_incrementally(incremental, "int_case_step_snapshots")
    assert _differences(incremental, full_t1) == {}


def test_other_code_or_settings_rebuild_from_scratch(herning_lake, as_of_times, tmp_path):
    """A build with another signature (the project's files, the vars that are settings) than
    the last successful one into the same database is a full refresh."""
    settings, world = herning_lake
    t1, t2, _, _ = as_of_times
    database = tmp_path / "marts.duckdb"
    _build(settings, database, t1, world.start)
    _build(settings, database, t2, world.start, extra_vars={"followup_grace_days": 14})
    assert not _ran_incrementally(database, "int_episode_period_days")

    base = {"as_of": "2016-01-01", "silver_release": "run-1", "followup_grace_days": 7}
    project = settings.dbt_project_dir
    signature = incremental_signature(project, base)
    # T and silver's release are data, not code
    assert incremental_signature(project, base | {"as_of": "2017-01-01"}) == signature
    assert incremental_signature(project, base | {"silver_release": "run-2"}) == signature
    assert incremental_signature(project, base | {"followup_grace_days": 14}) != signature


def test_a_database_another_process_writes_is_refused_in_one_line(herning_lake, tmp_path):
    """Two writers: while another process holds the target database, a build refuses in one
    line naming it, and leaves the next build a full one."""
    import subprocess
    import sys

    settings, world = herning_lake
    database = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(database)!r}); "
         "print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(DbtBuildError) as refused:
            _build(settings, database, world.now, world.start)
        message = str(refused.value)
        assert "\n" not in message and str(database) in message, message
    finally:
        holder.communicate("")
    assert not (database.parent / "dbt" / database.stem / "incremental_signature").exists()
