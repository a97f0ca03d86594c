"""The as-of time T of a real `dbt build` (docs/kpis.md, "As of", "Reporting window").

A quiet feed: one child placed in foster care on 1 June 2019, recorded that day, and nothing
since. Built without an as-of, T is the wall clock at build time, not the newest event: the child
is placed every day up to today, and the marts record T and the event watermark as two things.
Built as of a time early in a feed that has no notification, follow-up or cost yet, the marts are
not empty: the reporting window opens with the year of the earliest recorded_at.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import duckdb
import pytest

from tests.support.dbt_silver_fixture import Event, write_silver
from trappe.core.settings import settings as make_settings
from trappe.warehouse import DbtBuildError, dbt_build

PLACED = "2019-06-01"
RECORDED = datetime(2019, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 Copenhagen


def _lake(tmp_path, events):
    settings = make_settings(tmp_path / "lake")
    write_silver(settings.silver_dir, events)
    return settings


def _quiet_feed():
    return [
        Event(
            "case.opened",
            "Q1",
            PLACED,
            {"district": "Sdr. Felding", "team": "pilot", "birth_date": "2012-02-02"},
            caseworker_id="W1",
            recorded_at=RECORDED.isoformat(),
        ),
        Event(
            "ladder.moved",
            "Q1",
            PLACED,
            {
                "measure_id": "M1",
                "from_step": None,
                "to_step": 4,
                "measure_type": "foster_family",
                "provider_id": "P-1",
                "daily_cost_dkk": None,
                "short_term": False,
                "reason": "planned",
            },
            recorded_at=RECORDED.isoformat(),
        ),
    ]


@pytest.fixture(scope="module")
def quiet_build(tmp_path_factory):
    settings = _lake(tmp_path_factory.mktemp("quiet"), _quiet_feed())
    before = datetime.now(UTC)
    result = dbt_build(settings, threads=2)
    after = datetime.now(UTC)
    con = duckdb.connect(str(settings.staging_db), read_only=True)
    yield result, before, after, con
    con.close()


def test_default_as_of_is_the_wall_clock_and_the_watermark_is_recorded_apart(quiet_build):
    result, before, after, con = quiet_build
    assert before <= result.as_of <= after
    assert result.event_watermark == RECORDED
    as_of, watermark = con.execute("select as_of, event_watermark from audit_build").fetchone()
    assert as_of == result.as_of and watermark == RECORDED


def test_a_quiet_feed_still_has_its_child_placed_up_to_today(quiet_build):
    result, _, _, con = quiet_build

    def child_years(period):
        return con.execute(
            "select value, period_complete from kpi_values where kpi = 'placed_child_years' "
            "and period = ? and district_group = 'all' and breakdown = 'all'",
            [period],
        ).fetchone()

    # 1 June - 31 Dec 2019: 214 of 365 days; every later year wholly (the newest event would
    # have cut the placement off on 1 June 2019)
    assert child_years("2019") == (round(214 / 365, 4), True)
    assert child_years("2020") == (1.0, True)
    today = result.as_of.astimezone(ZoneInfo("Europe/Copenhagen")).date()
    this_year = child_years(str(today.year))
    assert this_year == (1.0, today == date(today.year, 12, 31))
    first, last = con.execute(
        "select min(period_start), max(elapsed_end) from dim_periods"
    ).fetchone()
    assert first == date(2019, 1, 1)
    assert last == today


def test_an_early_as_of_without_notifications_or_costs_still_publishes(tmp_path):
    events = [
        Event(
            "case.opened",
            "A1",
            "2015-01-02",
            {"district": "Aulum", "team": "children", "birth_date": "2010-01-01"},
            caseworker_id="W1",
        ),
        Event(
            "notification.received",
            "A1",
            "2015-03-01T09:00:00",
            {"notification_id": "N-1", "source": "school"},
        ),
        Event(
            "cost.booked",
            "A1",
            "2015-06-30",
            {
                "measure_id": "M-1",
                "amount_dkk": 1000.0,
                "period_start": "2015-06-01",
                "period_end": "2015-06-30",
            },
        ),
    ]
    settings = _lake(tmp_path, events)
    # only the case opening is recorded by T
    result = dbt_build(settings, datetime(2015, 1, 15, 11, 0, tzinfo=UTC), threads=2)
    assert result.success
    with duckdb.connect(str(settings.staging_db), read_only=True) as con:
        periods = [
            r[0] for r in con.execute("select period from dim_periods order by period").fetchall()
        ]
        assert periods == ["2015", "2015-01", "2015H1"]
        kpis = {r[0] for r in con.execute("select distinct kpi from kpi_values").fetchall()}
        # ladder_moves has a row for each kind of move the feed holds: none yet
        assert len(kpis) == 18 and "ladder_moves" not in kpis
        assert con.execute(
            "select value from kpi_values where kpi = 'cases_by_step' and period = '2015-01' "
            "and district_group = 'all' and breakdown = 'none'"
        ).fetchone() == (1.0,)


def test_no_event_recorded_by_the_as_of_time_is_a_clear_error(tmp_path):
    settings = _lake(tmp_path, _quiet_feed())
    with pytest.raises(DbtBuildError, match="no event recorded by 2019-05-01"):
        dbt_build(settings, datetime(2019, 5, 1, tzinfo=UTC))
