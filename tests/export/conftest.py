"""Warehouses for the export tests, each built once per session: the hand-computable scenario
(tests/support/dbt_scenario.py) and herning-pilot (the simulator's seed-1 stream through the
contract's validation, the silver writer and a real `dbt build`)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.dbt_scenario import events as scenario_events
from tests.support.dbt_silver_fixture import Event, write_silver
from trappe.core.settings import Settings
from trappe.core.settings import settings as make_settings
from trappe.warehouse import dbt_build

# the scenario's T: its last event's recorded_at (as tests/dbt/conftest.py)
SCENARIO_AS_OF = datetime(2017, 1, 5, 9, 0, tzinfo=UTC)


def publish(home: Path, events: list[Event], **dbt_kwargs) -> Settings:
    """Silver from `events`, one dbt build, the staging DB copied to published. No quality gate
    runs, so the published DB has no verdict: exports of it need --unvalidated."""
    settings = make_settings(home)
    write_silver(settings.silver_dir, events)
    result = dbt_build(settings, **dbt_kwargs)
    assert result.success, result.failures
    shutil.copyfile(settings.staging_db, settings.published_db)
    return settings


def pilot_events() -> list[Event]:
    """herning-pilot, seed 1, validated and pseudonymised as ingestion does."""
    from trappe.contract import validate_line
    from trappe.contract.cpr import DEMO_KEY
    from trappe.contract.upcast import upcast_payload
    from trappe.simulate import build_scenario, simulate_lines

    events = []
    for line in simulate_lines(build_scenario("herning-pilot"), seed=1):
        v = validate_line(line, key=DEMO_KEY)
        if not hasattr(v, "event_type"):
            continue  # the stream's intended bad records go to dead letters
        events.append(
            Event(
                v.event_type,
                v.case_id,
                v.occurred_at,
                upcast_payload(v.event_type, v.schema_version, v.payload),
                recorded_at=v.recorded_at,
                municipality=v.municipality,
                child_id=v.child_id,
                caseworker_id=v.caseworker_id,
                event_id=v.event_id,
            )
        )
    return events


@pytest.fixture(scope="session")
def scenario_home(tmp_path_factory) -> Settings:
    """The tests/dbt scenario, built as of its T and published."""
    return publish(
        tmp_path_factory.mktemp("export_scenario"),
        scenario_events(),
        as_of=SCENARIO_AS_OF,
        extra_vars={"did_baseline_year": "2015"},
    )


@pytest.fixture(scope="session")
def pilot_home(tmp_path_factory) -> Settings:
    """Herning 2012-2016 as the simulator makes it (seed 1), built by dbt and published."""
    from trappe.simulate import build_scenario

    world = build_scenario("herning-pilot")
    return publish(
        tmp_path_factory.mktemp("export_pilot"),
        pilot_events(),
        as_of=world.now,
        reporting_start=world.start,
    )
