"""A live feed is cut at month end: the simulated Herning stream, real Spark, real dbt.

The contract lets events arrive late and out of order, so every month-end cut of the stream has
events whose case.opened is recorded only after the cut. The build as of that month end must
publish, with those orphans held in the quarantine and out of the marts; the next month's build
must admit them by itself, their parents having arrived.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa
import pytest

from expectations.gate import QUARANTINE_TABLE, VERDICT_TABLE
from tests.support.transform_lake import silver_relation
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark

LOCAL = ZoneInfo("Europe/Copenhagen")
ORPHANS = "silver.events_have_opened_case"


def month_end(year: int, month: int) -> datetime:
    first_of_next = datetime(year + month // 12, month % 12 + 1, 1)
    return datetime.combine(first_of_next.date(), time(0), LOCAL) - timedelta(microseconds=1)


# the feed as sent until early March 2013: a January and a February month-end cut of it
FIRST_CUT, SECOND_CUT = month_end(2013, 1), month_end(2013, 2)
FEED_UNTIL = SECOND_CUT + timedelta(days=3)


def held(db, check: str | None = None) -> set[str]:
    where, params = ('WHERE "check" = ?', [check]) if check else ("", [])
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(f"SELECT event_id FROM {QUARANTINE_TABLE} {where}", params).fetchall()
    return {r[0] for r in rows}


def staged(db) -> set[str]:
    """The event_ids the build's staging (and so every mart) reads."""
    with duckdb.connect(str(db), read_only=True) as con:
        views = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'stg_%'"
            ).fetchall()
        ]
        return {
            r[0] for view in views for r in con.execute(f"SELECT event_id FROM {view}").fetchall()
        }


def opened_by(settings: Settings, cut: datetime) -> set[tuple[str, str]]:
    """(municipality, case_id) of every case whose case.opened is recorded (and not retracted)
    by `cut`, from silver."""
    opened = silver_relation(settings, "case_opened")
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT DISTINCT municipality, case_id FROM {opened} "
            "WHERE recorded_at <= ? AND (retracted_at IS NULL OR retracted_at > ?)",
            [cut, cut],
        ).fetchall()
    return {(m, c) for m, c in rows}


def cases_of(settings: Settings, event_ids: set[str]) -> dict[str, tuple[str, str]]:
    with duckdb.connect() as con:
        con.register("wanted", pa.table({"event_id": sorted(event_ids)}))
        rows = con.execute(
            "SELECT e.event_id, e.municipality, e.case_id "
            f"FROM {silver_relation(settings, 'events')} e JOIN wanted USING (event_id)"
        ).fetchall()
    return {e: (m, c) for e, m, c in rows}


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """The herning-pilot stream as a source had sent it by FEED_UNTIL, ingested into bronze."""
    from ingestion.file_source import ingest_file
    from trappe.simulate import build_scenario, simulate_to_file

    home = tmp_path_factory.mktemp("month_end") / "lake"
    settings = Settings(home=home).with_(demo=True).ensure()
    full = home / "input" / "herning-pilot.jsonl"
    full.parent.mkdir(parents=True, exist_ok=True)
    world = build_scenario("herning-pilot")
    simulate_to_file(full, world, seed=1)
    sent = home / "input" / "sent-by-march-2013.jsonl"
    with full.open("rb") as lines, sent.open("wb") as out:
        for line in lines:
            try:
                recorded = datetime.fromisoformat(json.loads(line)["recorded_at"])
            except (ValueError, KeyError, TypeError):
                out.write(line)  # a broken line of the stream: ingestion dead-letters it
                continue
            if recorded > FEED_UNTIL:
                break  # the stream is sent in recorded order (but for a few late ones)
            out.write(line)
    ingest_file(settings, sent)
    return settings, world


def test_month_end_cuts_publish_holding_orphans_then_admit_them(feed, spark):
    from trappe.app.pipeline import build_lake

    settings, world = feed

    first = build_lake(settings, as_of=FIRST_CUT, reporting_start=world.start)

    assert first.published, first.message
    orphans = held(settings.published_db, ORPHANS)
    assert orphans, "a month-end cut of the stream has events recorded before their case.opened"
    # held out of the marts: staging, which every mart reads, leaves them out
    assert not orphans & staged(settings.published_db)
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        (quarantined,) = con.execute(f"SELECT quarantined_events FROM {VERDICT_TABLE}").fetchone()
    assert quarantined >= len(orphans)

    second = build_lake(settings, as_of=SECOND_CUT, reporting_start=world.start)

    assert second.published, second.message
    opened = opened_by(settings, SECOND_CUT)
    placed = {e for e, case in cases_of(settings, orphans).items() if case in opened}
    assert placed, "the parents of last month's orphans arrived within the month"
    assert not placed & held(settings.published_db)
    assert placed <= staged(settings.published_db)
