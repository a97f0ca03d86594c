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
