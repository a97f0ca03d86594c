"""One real `dbt build` per session on the hand-computable scenario (dbt_scenario.py)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import duckdb
import pytest

from tests.support.dbt_scenario import events
from tests.support.dbt_silver_fixture import write_silver
from trappe.core.settings import settings as make_settings
from trappe.warehouse import dbt_build

# The scenario's T: its last event's recorded_at (10:00 Copenhagen on 5 January 2017), so 2015 and
# 2016 are complete and 2017 is an incomplete year of 5 elapsed days.
AS_OF = datetime(2017, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def scenario_lake(tmp_path_factory):
    """A lake whose silver holds the scenario, built once; the staging DB is also published."""
    home = tmp_path_factory.mktemp("dbt_lake")
    settings = make_settings(home)
    write_silver(settings.silver_dir, events())
    # Failures are asserted by test_build_succeeds, so one failing node does not hide what
    # every other KPI test can still check.
    # the scenario's data starts in 2015, after Herning's pilot baseline (2013)
    result = dbt_build(
        settings, AS_OF, raise_on_failure=False, extra_vars={"did_baseline_year": "2015"}
    )
    shutil.copyfile(settings.staging_db, settings.published_db)
    return settings, result


@pytest.fixture(scope="session")
def warehouse(scenario_lake):
    settings, _ = scenario_lake
    con = duckdb.connect(str(settings.staging_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def kpi(warehouse):
    """kpi(code, period, breakdown='all', group='all', district='all').

    Returns (numerator, denominator, value), or None when the row does not exist.
    """

    def lookup(code, period, breakdown="all", group="all", district="all"):
        row = warehouse.execute(
            "select numerator, denominator, value from kpi_values where kpi = ? and period = ? "
            "and breakdown = ? and district_group = ? and district = ?",
            [code, period, breakdown, group, district],
        ).fetchall()
        assert len(row) <= 1, f"{code} {period} {breakdown} {group} {district}: {len(row)} rows"
        return row[0] if row else None

    return lookup


@pytest.fixture(scope="session")
def herning_lake(tmp_path_factory, spark):
    """The herning-pilot stream (seed 1) as `trappe run` lands it: simulator → file ingestion →
    Spark; silver only, each test builds its own marts. Returns (settings, the scenario)."""
    from ingestion.file_source import ingest_file
    from transformations import run_transform
    from trappe.simulate import build_scenario, simulate_to_file

    home = tmp_path_factory.mktemp("herning") / "lake"
    settings = make_settings(home).with_(demo=True).ensure()
    world = build_scenario("herning-pilot")
    events_file = home / "input" / "herning-pilot-seed1.jsonl"
    events_file.parent.mkdir(parents=True, exist_ok=True)
    simulate_to_file(events_file, world, 1)
    ingest_file(settings, events_file)
    run_transform(settings)
    return settings, world
