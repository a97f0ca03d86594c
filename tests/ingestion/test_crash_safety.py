"""Crash safety: a real `trappe ingest --kafka` process SIGKILLed at random points, restarted,
and in the end every one of 100,000 events is in bronze exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ingestion.producer import publish_lines
from ingestion.store import LakeStore
from tests.support import eventgen, lakeread
from tests.support.cli import ingest_from_topic
from trappe.core.settings import Settings

pytestmark = pytest.mark.kafka

EVENTS = 100_000
KILLS = 5
BATCH = 4_000


def start_consumer(broker, topic: str, home: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        ingest_from_topic(
            broker.bootstrap,
            topic,
            home,
            "--batch-size",
            str(BATCH),
            "--idle-timeout",
            "4",
        ),
        env=dict(os.environ, TRAPPE_DEMO="1"),
        stdout=subprocess.DEVNULL,
        stderr=open(log, "wb"),
    )


def _offsets_by_partition(settings: Settings) -> dict[int, list[int]]:
    bronze = lakeread.bronze(settings)
    found: dict[int, list[int]] = {}
    for p, o in zip(
        bronze.column("source_partition").to_pylist(), bronze.column("source_offset").to_pylist()
    ):
        found.setdefault(p, []).append(o)
    return found


def committed_batches(log: Path) -> int:
    return log.read_text(errors="replace").count(" committed: ")


def test_sigkill_at_random_points_loses_nothing_and_repeats_nothing(broker, topic, tmp_path):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    events = eventgen.valid_events(EVENTS, seed=seed)
    assert publish_lines(broker.bootstrap, topic, eventgen.to_lines(events)) == EVENTS
    home = tmp_path / "lake"
    settings = Settings(home=home)

    kills = 0
    for attempt in range(KILLS):
        log = tmp_path / f"consumer-{attempt}.log"
        process = start_consumer(broker, topic, home, log)
        # let it commit 2-3 batches, then kill it anywhere in the next one: while polling,
        # validating, appending dead letters or bronze to Delta, or committing the offsets. The
        # next one's length is measured, not assumed: a faster consumer must still be killed
        # five times before it has read everything.
        wanted = rng.randint(2, 3)
        deadline = time.monotonic() + 90
        seen, commit_times = 0, []
        while seen < wanted and process.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.01)
            if committed_batches(log) > seen:
                seen = committed_batches(log)
                commit_times.append(time.monotonic())
        one_batch = (commit_times[-1] - commit_times[0]) / max(1, len(commit_times) - 1)
        time.sleep(rng.uniform(0, one_batch))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=30)
    assert kills == KILLS, f"the consumer finished before it could be killed (seed {seed})"

    final_log = tmp_path / "consumer-final.log"
    final = start_consumer(broker, topic, home, final_log)
    assert final.wait(timeout=180) == 0, final_log.read_text()

    ids = lakeread.bronze(settings).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)), f"bronze holds duplicates (seed {seed})"
    assert set(ids) == {e["event_id"] for e in events}, f"events missing (seed {seed})"
    # bronze's commits agree: every partition's transaction covers its last offset in bronze,
    # and the batches they record count every event once
    store = LakeStore(settings)
    assert sum(b["counts"]["written"] for b in store.batches()) == EVENTS
    ends = {p: max(offsets) for p, offsets in _offsets_by_partition(settings).items()}
    positions = store.positions(f"kafka:{topic}:{p}" for p in ends)
    assert all(positions[f"kafka:{topic}:{p}"] >= end for p, end in ends.items())

    runs = lakeread.run_records(settings)
    assert len(runs) == KILLS + 1
    assert [r["status"] for r in runs].count("completed") == 1
    for run in runs:  # even a killed run's record reconciles up to its last committed batch
        assert run["read"] == run["written"] + run["duplicates"] + run["dead_letters"]
    assert sum(r["written"] for r in runs) == EVENTS
