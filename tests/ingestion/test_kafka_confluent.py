"""The confluent-kafka client behind ingestion's seam, against the real broker: it gives the same
bronze as kafka-python, and a SIGKILLed `trappe ingest --client confluent` leaves every event in
bronze exactly once (resuming from the lake's own offsets after a crash, for both clients:
tests/ingestion/test_kafka_source.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter

import pytest

from ingestion.kafka_source import KafkaIngest
from ingestion.producer import publish_lines
from tests.support import eventgen, lakeread
from tests.support.cli import ingest_from_topic
from trappe.core.errors import TrappeError
from trappe.core.settings import Settings

pytestmark = pytest.mark.kafka


def ingest_kafka(settings: Settings, broker, topic: str, client: str, **options):
    job = KafkaIngest(
        settings,
        broker.bootstrap,
        topic=topic,
        group=options.pop("group", f"{topic}-{client}"),
        idle_seconds=options.pop("idle_seconds", 3.0),
        client=client,
        **options,
    )
    return job.run()


def test_confluent_gives_the_same_bronze_as_kafka_python(broker, topic, tmp_path):
    lines, valid_ids, bad = eventgen.scenario(400, seed=31)
    assert publish_lines(broker.bootstrap, topic, lines) == len(lines)
    lakes = {
        client: Settings(home=tmp_path / client, demo=True)
        for client in ("kafka-python", "confluent")
    }
    counts = {
        client: ingest_kafka(lake, broker, topic, client, batch_records=150)[1]
        for client, lake in lakes.items()
    }

    python_lake, confluent_lake = lakes["kafka-python"], lakes["confluent"]
    rows = lakeread.event_rows(lakeread.bronze(confluent_lake))
    assert len(rows) == len(valid_ids)
    assert rows == lakeread.event_rows(lakeread.bronze(python_lake))
    # the same coordinates too: same topic, same partitions, same offsets
    where = ["event_id", "source_topic", "source_partition", "source_offset"]
    assert sorted(map(str, lakeread.bronze(confluent_lake).select(where).to_pylist())) == sorted(
        map(str, lakeread.bronze(python_lake).select(where).to_pylist())
    )
    dead = lakeread.deadletters(confluent_lake)
    assert Counter(
        zip(dead.column("error_code").to_pylist(), dead.column("error_field").to_pylist())
    ) == Counter(bad)
    assert all(eventgen.TEST_CPR not in row["raw"] for row in dead.to_pylist())
    c = counts["confluent"]
    assert (c.read, c.written, c.duplicates, c.dead_letters_total) == (
        len(lines),
        len(valid_ids),
        1,
        len(bad),
    )
    (record,) = lakeread.run_records(confluent_lake)
    assert record["status"] == "completed" and record["source"]["client"] == "confluent"

    # the offsets were committed: the group has nothing left to read
    _, again = ingest_kafka(confluent_lake, broker, topic, "confluent")
    assert again.read == 0


def test_an_unknown_client_is_one_clear_error(lake):
    with pytest.raises(TrappeError, match=r"'rdkafka' is unknown.*kafka-python or confluent"):
        KafkaIngest(lake.with_(kafka_client="rdkafka"), "127.0.0.1:1", topic="t")


def test_sigkill_mid_ingest_with_confluent_loses_and_repeats_nothing(broker, topic, tmp_path):
    events = eventgen.valid_events(30_000, seed=37)
    publish_lines(broker.bootstrap, topic, eventgen.to_lines(events))
    home = tmp_path / "lake"
    command = ingest_from_topic(
        broker.bootstrap,
        topic,
        home,
        "--client",
        "confluent",
        "--batch-size",
        "3000",
        "--idle-timeout",
        "4",
    )
    env = dict(os.environ, TRAPPE_DEMO="1")

    log = tmp_path / "killed.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 90
    # two batches in the lake, then kill it in the middle of the next one
    while log.read_text(errors="replace").count(" committed: ") < 2:
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.01)
    time.sleep(0.05)
    assert process.poll() is None, "the consumer finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    final_log = tmp_path / "final.log"
    with final_log.open("wb") as stderr:
        final = subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=stderr, timeout=180
        )
    assert final.returncode == 0, final_log.read_text()

    settings = Settings(home=home)
    ids = lakeread.bronze(settings).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)), "bronze holds duplicates"
    assert set(ids) == {e["event_id"] for e in events}, "events missing"
    runs = lakeread.run_records(settings)
    assert [r["status"] for r in runs].count("completed") == 1
    for run in runs:  # the killed run's record reconciles up to its last committed batch
        assert run["read"] == run["written"] + run["duplicates"] + run["dead_letters"]
    assert sum(r["written"] for r in runs) == len(events)
