"""Live mode against the real broker: `trappe run --kafka HOST:PORT --follow` in a process of its
own (its own Spark session, the real dbt build and quality gate), fed a simulated municipality
in four parts while it runs.

1. what is in the topic before it starts is published;
2. events produced while it runs, two bad records first, reach the published marts within a few
   cycles (the bad records land in the dead-letter store and stop nothing), each publishing
   cycle recording its lag;
3. a part whose case.opened events are held back fills the quarantine: the gate refuses, the
   published marts stay as they were, the loop keeps retrying;
4. the held-back case.opened events arrive: the next cycle publishes everything;
then SIGTERM ends it with exit 0 and one line. A second test stops the loop in this process
through its stop event.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from kafka import KafkaAdminClient

from ingestion.kafka_client import ensure_topics
from ingestion.producer import publish_lines
from tests.support import lakeread
from trappe.app.live import LiveRun, read_cycles
from trappe.core.settings import Settings
from trappe.simulate import build_scenario
from trappe.simulate.run import simulate_batches

pytestmark = pytest.mark.kafka

# a safety net against a hung process, not a speed goal
DEADLINE_S = 600


def parse(line: str) -> dict | None:
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) else None


def newest_recorded_at(lines: list[str], event_type: str | None = None) -> datetime:
    """The newest recorded_at of the events of that type (certainly valid: the simulator's
    broken copies are rejected, but its case.opened originals are not)."""
    times = []
    for line in lines:
        event = parse(line)
        if event and (event_type is None or event.get("event_type") == event_type):
            try:
                times.append(datetime.fromisoformat(event["recorded_at"]).astimezone(UTC))
            except (KeyError, TypeError, ValueError):
                continue
    return max(times)


def published_watermark(settings: Settings) -> datetime:
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        (value,) = con.execute("select event_watermark from audit_build").fetchone()
    return value.astimezone(UTC)


def published_notifications(settings: Settings) -> float:
    """notification.received events the published marts count: the KPI over its months, for
    the municipality as a whole."""
    with duckdb.connect(str(settings.published_db), read_only=True) as con:
        (value,) = con.execute(
            "select coalesce(sum(value), 0) from kpi_values where kpi = 'notifications' "
            "and period_type = 'month' and district_group = 'all' and district = 'all' "
            "and breakdown = 'all'"
        ).fetchone()
    return value


def poison(marker: str) -> list[str]:
    """Two bad records naming `marker`: broken JSON, and an event without its recorded_at."""
    return [
        '{"event_id": "' + marker + '-json", "event_type": "case.opened", ',
        json.dumps({"event_id": f"{marker}-field", "event_type": "case.opened"}),
    ]


def dead_letters_naming(settings: Settings, marker: str) -> list[dict]:
    if not settings.deadletter_dir.exists():
        return []
    rows = lakeread.deadletters(settings).to_pylist()
    return [row for row in rows if marker in (row["raw"] or "")]


def published_since(cycles: list[dict], start: int, watermark: datetime) -> bool:
    """Whether a cycle from `start` on published marts that include `watermark`."""
    return any(
        c["status"] == "published" and datetime.fromisoformat(c["event_watermark"]) >= watermark
        for c in cycles[start:]
    )


class Live:
    def __init__(self, process: subprocess.Popen, settings: Settings, log: Path) -> None:
        self.process, self.settings, self.log = process, settings, log

    def wait_for(self, what: str, condition) -> list[dict]:
        deadline = time.monotonic() + DEADLINE_S
        while True:
            cycles = read_cycles(self.settings)
            if condition(cycles):
                return cycles
            assert self.process.poll() is None, f"live mode exited:\n{self.log.read_text()}"
            assert time.monotonic() < deadline, f"no {what}:\n{self.log.read_text()[-4000:]}"
            time.sleep(0.5)


@pytest.fixture
def feed():
    """A small national municipality's stream, cut in four parts (see the module doc)."""
    world = build_scenario("national", municipalities=1, years=(2019, 2020), events=4000)
    lines = [line for day in simulate_batches(world, seed=3) for line in day]
    a, b = int(len(lines) * 0.45), int(len(lines) * 0.6)
    held_cases = {
        e["case_id"]
        for e in map(parse, lines[b:])
        if e and e.get("event_type") == "case.opened" and "case_id" in e
    }

    def is_held(line: str) -> bool:
        e = parse(line)
        return bool(e and e.get("event_type") == "case.opened" and e.get("case_id") in held_cases)

    rest = lines[b:]
    return {
        "before": lines[:a],
        "while": lines[a:b],
        "orphans": [line for line in rest if not is_held(line)],
        "parents": [line for line in rest if is_held(line)],
    }


def test_live_mode_publishes_follows_survives_a_failed_cycle_and_stops_on_sigterm(
    broker, tmp_path, feed
):
    topic = f"live-{os.getpid()}"
    ensure_topics(broker.bootstrap, [topic, topic + ".dlq"], partitions=3)
    assert publish_lines(broker.bootstrap, topic, feed["before"]) == len(feed["before"])

    home = tmp_path / "lake"
    settings = Settings(home=home)
    command = [
        sys.executable, "-m", "trappe.app.cli", "run",
        "--kafka", broker.bootstrap, "--follow",
        "--home", str(home), "--topic", topic, "--group", topic,
        "--cycle-seconds", "3", "--clock", "feed",
    ]  # fmt: skip
    env = dict(os.environ, TRAPPE_DEMO="1")
    log = tmp_path / "live.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=stderr)
    live = Live(process, settings, log)
    try:
        # 1. what was waiting in the topic is published (maybe over more than one cycle)
        waiting = newest_recorded_at(feed["before"], "case.opened")
        live.wait_for("first publication", lambda cs: published_since(cs, 0, waiting))
        first = published_watermark(settings)
        assert first >= waiting
        notifications_before = published_notifications(settings)
        assert notifications_before > 0

        # 2. events produced while it runs, two bad records first, reach the published marts
        publish_lines(broker.bootstrap, topic, poison("live-poison") + feed["while"])
        expected = newest_recorded_at(feed["while"], "case.opened")
        cycles = live.wait_for("the new events", lambda cs: published_since(cs, 0, expected))
        assert published_watermark(settings) >= expected > first
        # the marts count the new events, not only a later as-of time
        received = sum(
            1
            for line in feed["before"] + feed["while"]
            if (e := parse(line)) and e.get("event_type") == "notification.received"
        )
        assert notifications_before < published_notifications(settings) <= received
        # the bad records are dead letters, and the loop went on past them
        dead = dead_letters_naming(settings, "live-poison")
        assert len(dead) == 2 and all(row["error_code"] for row in dead), dead
        # every publishing cycle recorded the lag from its events' arrival in bronze
        published = [c for c in cycles if c["status"] == "published"]
        for c in published:
            if c["events_published"]:
                assert 0 <= c["lag_newest_s"] <= c["lag_p95_s"] <= c["lag_max_s"], c
                assert sum(n for _, n in c["lags"]) == c["events_published"], c
                assert datetime.fromisoformat(c["published_at"]) >= datetime.fromisoformat(
                    c["newest_event_at"]
                )
        assert sum(c["events_published"] for c in published) > len(feed["before"]) // 2
        # dbt's unit tests ran in the first build only: the later ones run fewer nodes
        built = [c["dbt_nodes"] for c in cycles if c["dbt_nodes"]]
        assert len(built) >= 2 and built[0] > max(built[1:]), built
        seen = len(cycles)

        # 3. orphans fill the quarantine: the gate refuses, the published marts stay
        publish_lines(broker.bootstrap, topic, feed["orphans"])
        cycles = live.wait_for(
            "failed cycle", lambda cs: any(c["status"] == "failed" for c in cs[seen:])
        )
        failed = next(c for c in cycles[seen:] if c["status"] == "failed")
        assert failed["error"].startswith("quality gate"), failed
        # the marts of the last cycle that published (a first slice of the orphans may have
        # been few enough to pass) are what stays published
        last_good = [c for c in cycles[: cycles.index(failed)] if c["status"] == "published"][-1]
        before_failure = datetime.fromisoformat(last_good["event_watermark"])
        assert published_watermark(settings) == before_failure
        # it retries (and fails again) while nothing fixes the feed
        seen = live.wait_for("a retry", lambda cs: len(cs) > cycles.index(failed) + 1)
        assert seen[-1]["status"] == "failed"
        assert published_watermark(settings) == before_failure

        # 4. the parents arrive: the next cycle publishes everything
        publish_lines(broker.bootstrap, topic, feed["parents"])
        done_at = len(read_cycles(settings))
        everything = newest_recorded_at(feed["orphans"] + feed["parents"], "case.opened")
        live.wait_for("recovery", lambda cs: published_since(cs, done_at, everything))
        assert published_watermark(settings) >= everything
        with duckdb.connect(str(settings.published_db), read_only=True) as con:
            (verdict,) = con.execute("select verdict from audit_quality_verdict").fetchone()
        assert verdict in ("passed", "passed_with_warnings")

        # SIGTERM: the cycle under way finishes, the consumer commits, exit 0 and one line
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=DEADLINE_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, log.read_text()[-4000:]
    lines = out.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("live mode stopped: "), lines
    assert "failed)" in lines[0] and "Traceback" not in log.read_text()


def test_follow_needs_a_broker_address(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "trappe.app.cli", "run", "--follow", "--home", str(tmp_path)],
        env=dict(os.environ, TRAPPE_DEMO="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Error: --follow needs the feed's broker: --kafka HOST:PORT"
    ]


def test_the_stop_event_ends_the_loop_and_a_bad_record_stops_nothing(broker, tmp_path):
    """In this process: a topic holding only bad records; they become dead letters, no cycle
    runs (nothing for the marts, so no Spark either), and setting the stop event ends `run`
    with the consumer's offsets committed."""
    topic = f"live-stop-{os.getpid()}"
    ensure_topics(broker.bootstrap, [topic, topic + ".dlq"], partitions=1)
    settings = Settings(home=tmp_path / "lake", demo=True)
    echoed: list[str] = []
    live = LiveRun(settings, broker.bootstrap, topic=topic, group=topic, cycle_seconds=1,
                   echo=echoed.append)  # fmt: skip
    assert publish_lines(broker.bootstrap, topic, poison("stop-poison")) == 2

    def stop_when_dead_lettered() -> None:
        deadline = time.monotonic() + 120
        while len(dead_letters_naming(settings, "stop-poison")) < 2:
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        live.stop.set()

    stopper = threading.Thread(target=stop_when_dead_lettered)
    stopper.start()
    sigterm = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    result = live.run()
    stopper.join()
    assert time.monotonic() - started < 120
    assert len(dead_letters_naming(settings, "stop-poison")) == 2
    assert (result.cycles, echoed) == (0, [])
    assert "dead letters 2" in result.summary(), result.summary()
    # the handlers it installed are gone again
    assert signal.getsignal(signal.SIGTERM) is sigterm
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        offsets = admin.list_group_offsets(topic)[topic]
    finally:
        admin.close()
    assert sum(meta.offset for meta in offsets.values()) == 2, offsets
