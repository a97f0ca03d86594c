"""The embedded-default job end to end: `trappe run` on the simulated Herning municipality.

Real everything: the simulator, file ingestion, a local Spark session, dbt on a DuckDB file,
the Great Expectations gate and the export. Asserts what a municipality would check first:
the gate passes every critical check, the published marts reproduce the evaluation's
pilot-vs-other picture, and the export conforms and is reproducible.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from trappe.app.commands.export import export
from trappe.app.pipeline import DEFAULT_EXPORT_PERIODS, run
from trappe.core.settings import Settings

CHECK_EXPORT = Path(__file__).resolve().parents[1] / "contract" / "check_export.py"
pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def demo_lake(tmp_path_factory, spark):
    home = tmp_path_factory.mktemp("demo") / "lake"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRAPPE_DEMO", "1")
        run.main(["--home", str(home), "--no-dashboard"], standalone_mode=False)
    return Settings(home=home)


def kpi(con, name, group, period, breakdown="all"):
    row = con.execute(
        "select value from kpi_values where kpi = ? and district_group = ? and district = 'all' "
        "and period = ? and breakdown = ?",
        [name, group, period, breakdown],
    ).fetchone()
    assert row is not None, (name, group, period, breakdown)
    return row[0]


def test_the_gate_passes_every_critical_check_and_publishes(demo_lake):
    with duckdb.connect(str(demo_lake.published_db), read_only=True) as con:
        verdict, critical = con.execute(
            "select verdict, critical_failures from audit_quality_verdict"
        ).fetchone()
    assert critical == 0 and verdict in ("passed", "passed_with_warnings")


def test_published_marts_reproduce_the_pilot_evaluation(demo_lake):
    """docs/domain.md: pilot 49.01 → 41.90 placed child-years, institutions 25 % → 5 %."""
    with duckdb.connect(str(demo_lake.published_db), read_only=True) as con:
        pilot_2013h2 = kpi(con, "placed_child_years", "pilot", "2013H2")
        pilot_2015 = kpi(con, "placed_child_years", "pilot", "2015")
        assert pilot_2013h2 == pytest.approx(49.01, rel=0.2)
        assert pilot_2015 == pytest.approx(41.90, rel=0.2)
        assert kpi(con, "placement_share", "pilot", "2013H2", "institution") > 15
        assert kpi(con, "placement_share", "pilot", "2015", "institution") <= 10
        other_2013h2 = kpi(con, "placed_child_years", "other", "2013H2")
        assert kpi(con, "placed_child_years", "other", "2015") == pytest.approx(
            other_2013h2, rel=0.15
        )
        # the comparison the evaluation made, with its test
        tested = con.execute(
            "select count(*) from fct_group_comparisons where kpi = 'breakdown_rate' "
            "and period = '2015' and p_value between 0 and 1"
        ).fetchone()[0]
        assert tested > 0
        assert (
            con.execute(
                "select count(*) from fct_diff_in_diff where baseline_period = '2013' "
                "and comparison_period = '2015'"
            ).fetchone()[0]
            > 0
        )


def test_the_export_conforms_and_is_reproducible(demo_lake, tmp_path):
    first = demo_lake.home / "export"
    result = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(first)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    metadata = json.loads((first / "metadata.json").read_text())
    assert metadata["data_quality"] in ("passed", "passed_with_warnings")
    again = tmp_path / "again"
    periods = [arg for p in DEFAULT_EXPORT_PERIODS for arg in ("--period", p)]
    export.main(
        ["--home", str(demo_lake.home), "--format", "csv", "--out", str(again), *periods],
        standalone_mode=False,
    )
    assert (again / "kpis.csv").read_bytes() == (first / "kpis.csv").read_bytes()
    assert (again / "metadata.json").read_bytes() == (first / "metadata.json").read_bytes()


def test_an_export_is_reproduced_after_late_events_and_its_lake_state_read_again(
    demo_lake, spark, tmp_path
):
    """Issue 13's reproduction: an export, then late events recorded before its as-of T arrive
    and the marts are rebuilt as of the same T (so they change), and `--reproduce` still makes
    the original byte for byte; the silver versions its log names are read again by time
    travel and hold the lake as it was. Runs last: it changes the module's lake."""
    from ingestion.file_source import ingest_file
    from trappe.app.pipeline import build_lake
    from trappe.core import lakehouse
    from trappe.export import list_exports
    from trappe.simulate import build_scenario

    (entry,) = [e for e in list_exports(demo_lake) if (e.out or "").endswith("export")]
    state = entry.lake_state
    release = lakehouse.read_release(demo_lake.silver_dir)
    assert release is not None
    assert state["built_from_silver_release"] == release.run_id
    assert state["built_from_silver_versions"] == release.tables
    assert state["built_from_bronze_version"] == release.bronze_version
    first_rows = lakehouse.open_table(demo_lake.silver_dir / "notification_received").count()

    # three notifications the case system recorded before T but sent late: copies of real ones
    # under new event ids (same cases, same dates, so they land in the exported periods)
    source = next((demo_lake.home / "input").glob("*.jsonl"))
    late = []
    for line in source.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # the simulator's bad records
        if event.get("event_type") == "notification.received" and str(
            event.get("occurred_at", "")
        ).startswith("2015-03"):
            event["event_id"] = f"00000000-0000-4000-8000-00000000000{len(late)}"
            late.append(json.dumps(event))
        if len(late) == 3:
            break
    late_file = tmp_path / "late.jsonl"
    late_file.write_text("\n".join(late) + "\n", encoding="utf-8")
    cfg = demo_lake.with_(demo=True)
    _, counts = ingest_file(cfg, late_file)
    assert counts.written == 3
    world = build_scenario("herning-pilot")
    build_lake(cfg, as_of=world.now, reporting_start=world.start)

    periods = [arg for p in DEFAULT_EXPORT_PERIODS for arg in ("--period", p)]
    changed = tmp_path / "changed"
    export.main(
        ["--home", str(demo_lake.home), "--format", "csv", "--out", str(changed), *periods],
        standalone_mode=False,
    )
    original = Path(entry.out)
    assert (changed / "kpis.csv").read_bytes() != (original / "kpis.csv").read_bytes()

    again = tmp_path / "again"
    export.main(
        ["--home", str(demo_lake.home), "--out", str(again), "--reproduce", entry.export_id],
        standalone_mode=False,
    )
    for name in entry.files:
        assert (again / name).read_bytes() == (original / name).read_bytes(), name

    # time travel: the versions the log names still read the lake the export was made from
    now = lakehouse.open_table(demo_lake.silver_dir / "notification_received")
    then = lakehouse.open_table(
        demo_lake.silver_dir / "notification_received",
        state["built_from_silver_versions"]["notification_received"],
    )
    assert now.count() == first_rows + 3
    assert then is not None and then.count() == first_rows
