"""Two `trappe ingest --kafka --follow` processes in one consumer group, one lake, a topic of six
partitions on Apache Kafka: a member joins mid-stream, later one leaves, and every event is in
bronze exactly once."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ingestion.kafka_client import ensure_topics
from ingestion.producer import publish_lines
from tests.support import eventgen, lakeread
from tests.support.cli import ingest_from_topic
from trappe.core.settings import Settings

pytestmark = pytest.mark.kafka

PARTITIONS = 6


def start_member(broker, topic: str, lake: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        ingest_from_topic(
            broker.bootstrap,
            topic,
            lake,
            "--follow",
            "--batch-size",
            "1000",
            "--batch-seconds",
            "1",
            "--workers",
            "0",
        ),
        env=dict(os.environ, TRAPPE_DEMO="1"),
        stdout=subprocess.DEVNULL,
        stderr=open(log, "wb"),
    )


def assignments(log: Path) -> list[set[int]]:
    """The partitions a member was given at each rebalance, from its log."""
    found = []
    for listed in re.findall(r"partitions assigned: (.*?); lake resumes", log.read_text()):
        found.append({int(p) for p in re.findall(r"\[(\d+)\]", listed)})
    return found


def written(lake: Path) -> int:
    """Events in bronze by the run records, which each member rewrites after every batch."""
    total = 0
    for path in (lake / "ingest_runs").glob("*.json"):
        # one being replaced right now is seen by the next look
        with contextlib.suppress(OSError, ValueError):
            total += json.loads(path.read_text())["written"]
    return total


def wait_for(condition, what: str, logs: list[Path], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited in vain for {what}:\n" + "\n".join(
            log.read_text(errors="replace")[-3000:] for log in logs
        )
        time.sleep(0.2)


def stop(member: subprocess.Popen, log: Path) -> None:
    member.send_signal(signal.SIGTERM)  # finishes and commits its batch, leaves the group
    assert member.wait(timeout=60) == 0, log.read_text(errors="replace")


def test_two_members_share_the_partitions_and_write_every_event_once(broker, tmp_path):
    topic = f"case-events-rebalance-{os.getpid()}"
    ensure_topics(broker.bootstrap, [topic, topic + ".dlq"], partitions=PARTITIONS)
    lake = tmp_path / "lake"
    events = eventgen.valid_events(9000, seed=51)
    waves = [events[:4000], events[4000:7000], events[7000:]]
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
    members = []
    try:
        publish_lines(broker.bootstrap, topic, eventgen.to_lines(waves[0]))
        members.append(a := start_member(broker, topic, lake, log_a))
        wait_for(lambda: " committed: " in log_a.read_text(), "a's first batch", [log_a])

        # b joins while a is reading: the group splits the six partitions between them
        members.append(b := start_member(broker, topic, lake, log_b))
        wait_for(
            lambda: (
                any(assignments(log_b))
                and len(assignments(log_a)) >= 2
                and not assignments(log_a)[-1] & assignments(log_b)[-1]
                and len(assignments(log_a)[-1] | assignments(log_b)[-1]) == PARTITIONS
            ),
            "the partitions split between a and b",
            [log_a, log_b],
        )
        publish_lines(broker.bootstrap, topic, eventgen.to_lines(waves[1]))
        wait_for(lambda: written(lake) == 7000, "the second wave in bronze", [log_a, log_b])

        # b leaves: a takes its partitions over and goes on where b stopped
        stop(b, log_b)
        wait_for(
            lambda: assignments(log_a)[-1] == set(range(PARTITIONS)),
            "a given every partition",
            [log_a],
        )
        publish_lines(broker.bootstrap, topic, eventgen.to_lines(waves[2]))
        wait_for(lambda: written(lake) == 9000, "the third wave in bronze", [log_a])
        stop(a, log_a)
    finally:
        for member in members:
            if member.poll() is None:
                member.kill()
                member.wait()

    settings_lake = Settings(home=lake)
    ids = lakeread.bronze(settings_lake).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == len(events)
    assert set(ids) == {e["event_id"] for e in events}
    runs = lakeread.run_records(settings_lake)
    assert sorted(r["status"] for r in runs) == ["stopped", "stopped"]
    assert all(r["written"] > 0 for r in runs) and sum(r["duplicates"] for r in runs) == 0
