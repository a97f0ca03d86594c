"""The Kafka source against a real broker over TCP: round trip, DLQ, parity with the file
source, exactly-once across a crash between the lake commit and the offset commit, and clean
shutdown on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from kafka import KafkaConsumer, TopicPartition

from ingestion.file_source import ingest_file
from ingestion.kafka_client import KafkaPythonConsumer, KafkaPythonProducer
from ingestion.kafka_confluent import ConfluentConsumer
from ingestion.kafka_source import KafkaIngest
from ingestion.producer import publish_lines
from ingestion.store import LakeStore
from tests.support import eventgen, lakeread
from tests.support.cli import ingest_from_topic
from trappe.core.settings import Settings

pytestmark = pytest.mark.kafka


def ingest_kafka(settings: Settings, broker, topic: str, **options):
    job = KafkaIngest(
        settings,
        broker.bootstrap,
        topic=topic,
        group=options.pop("group", topic),
        idle_seconds=options.pop("idle_seconds", 3.0),
        **options,
    )
    return job.run()


def read_topic(bootstrap: str, topic: str, expected: int, timeout: float = 20.0) -> list:
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
    consumer.assign(partitions)
    messages, deadline = [], time.monotonic() + timeout
    while len(messages) < expected and time.monotonic() < deadline:
        for batch in consumer.poll(timeout_ms=500).values():
            messages.extend(batch)
    consumer.close()
    return messages


def test_round_trip_through_kafka(broker, topic, lake):
    lines, valid_ids, bad = eventgen.scenario(400)
    assert publish_lines(broker.bootstrap, topic, lines) == len(lines)
    run_id, counts = ingest_kafka(lake, broker, topic, batch_records=150)

    bronze = lakeread.bronze(lake)
    ids = bronze.column("event_id").to_pylist()
    assert sorted(ids) == sorted(valid_ids)
    assert set(bronze.column("source_topic").to_pylist()) == {topic}
    # a case stays in one partition (key = case_id), so its events keep their order
    by_case = {}
    for row in bronze.select(["case_id", "source_partition"]).to_pylist():
        by_case.setdefault(row["case_id"], set()).add(row["source_partition"])
    assert all(len(p) == 1 for p in by_case.values())

    dead = lakeread.deadletters(lake)
    assert Counter(
        zip(dead.column("error_code").to_pylist(), dead.column("error_field").to_pylist())
    ) == Counter(bad)
    for row in dead.to_pylist():
        coordinates = f"{topic}[{row['source_partition']}]@{row['source_offset']}: "
        assert row["reason"].startswith(coordinates)
        assert eventgen.TEST_CPR not in row["raw"]

    (record,) = lakeread.run_records(lake)
    assert record["run_id"] == run_id and record["status"] == "completed"
    assert (record["read"], record["written"], record["duplicates"], record["dead_letters"]) == (
        len(lines),
        len(valid_ids),
        1,
        len(bad),
    )
    assert counts.read == counts.written + counts.duplicates + counts.dead_letters_total

    # the dead-letter topic got each bad record once, masked, with its reason and coordinates
    dlq = read_topic(broker.bootstrap, topic + ".dlq", len(bad))
    assert len(dlq) == len(bad)
    headers = [dict(m.headers) for m in dlq]
    assert Counter(h["error_code"].decode() for h in headers) == Counter(code for code, _ in bad)
    assert {
        (h["source_topic"].decode(), int(h["source_partition"]), int(h["source_offset"]))
        for h in headers
    } == {(topic, r["source_partition"], r["source_offset"]) for r in dead.to_pylist()}
    assert all(eventgen.TEST_CPR.encode() not in m.value for m in dlq)
    assert any(b"[CPR]" in m.value for m in dlq)

    # caught up: a second run reads nothing
    _, again = ingest_kafka(lake, broker, topic)
    assert again.read == 0


def test_a_batch_is_written_when_it_fills_not_when_the_consumer_pauses(broker, topic, lake):
    # the consumer reads far ahead of validation; draining what it holds must still cut batches
    # of --batch-size, not one batch of everything in flight
    events = eventgen.valid_events(30_000, seed=12)
    publish_lines(broker.bootstrap, topic, eventgen.to_lines(events))
    _, counts = ingest_kafka(lake, broker, topic, batch_records=4_000)
    assert counts.written == 30_000
    sizes = [b["counts"]["read"] for b in LakeStore(lake).batches()]
    assert sum(sizes) == 30_000
    # a batch closes on the chunk that fills it: at most one chunk (<= 2,000 records) over
    assert max(sizes) < 4_000 + 2_000, sizes


def test_a_tombstone_is_a_dead_letter_not_a_crash(broker, topic, lake):
    publish_lines(broker.bootstrap, topic, eventgen.to_lines(eventgen.valid_events(5, seed=4)))
    producer = KafkaPythonProducer(broker.bootstrap)
    producer.send(topic, value=None, key=b"C-000001")  # "delete this key", in Kafka's terms
    producer.flush()
    producer.close()
    _, counts = ingest_kafka(lake, broker, topic)
    assert (counts.read, counts.written, dict(counts.dead_letters)) == (6, 5, {"malformed_json": 1})
    (row,) = lakeread.deadletters(lake).to_pylist()
    assert row["raw"] == "" and "tombstone" in row["reason"]


def test_file_and_kafka_sources_give_the_same_bronze(broker, topic, tmp_path):
    lines, _, _ = eventgen.scenario(300, seed=21)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(lines))
    from_file = Settings(home=tmp_path / "file-lake", demo=True)
    from_kafka = Settings(home=tmp_path / "kafka-lake", demo=True)
    ingest_file(from_file, path)
    publish_lines(broker.bootstrap, topic, lines)
    ingest_kafka(from_kafka, broker, topic)
    file_rows = lakeread.event_rows(lakeread.bronze(from_file))
    assert len(file_rows) == 300
    assert lakeread.event_rows(lakeread.bronze(from_kafka)) == file_rows
    dead_columns = ["error_code", "error_field", "event_id", "raw"]
    assert sorted(
        map(str, lakeread.deadletters(from_kafka).select(dead_columns).to_pylist())
    ) == sorted(map(str, lakeread.deadletters(from_file).select(dead_columns).to_pylist()))


@pytest.mark.parametrize(
    ("client", "consumer"),
    [("kafka-python", KafkaPythonConsumer), ("confluent", ConfluentConsumer)],
)
def test_a_crash_between_lake_commit_and_offset_commit_replays_nothing(
    broker, topic, lake, monkeypatch, client, consumer
):
    """With either client, bronze's Delta transactions, not the group, say where to resume."""
    events = eventgen.valid_events(1000, seed=5)
    publish_lines(broker.bootstrap, topic, eventgen.to_lines(events))

    class Killed(BaseException):
        pass

    def die(self, positions):
        raise Killed()

    # the process dies right after the first batch is in the lake, before Kafka hears of it
    with monkeypatch.context() as m:
        m.setattr(consumer, "commit", die)
        with pytest.raises(Killed):
            ingest_kafka(lake, broker, topic, batch_records=300, client=client)
    # the batch, and what close() wrote on revoke: under load the consumer may already hold
    # every record, so all 1000 can be in; either way nothing may be read twice below
    in_lake = lakeread.bronze(lake).num_rows
    assert 300 <= in_lake <= 1000

    # the group never committed an offset: only bronze's transactions say where to go on
    _, counts = ingest_kafka(lake, broker, topic, batch_records=300, client=client)
    assert (counts.read, counts.duplicates) == (1000 - in_lake, 0)  # nothing read twice
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == 1000


def test_follow_mode_finishes_its_batch_on_sigterm(broker, topic, tmp_path):
    home = tmp_path / "lake"
    process = subprocess.Popen(
        ingest_from_topic(
            broker.bootstrap,
            topic,
            home,
            "--follow",
            "--verbose",
            "--batch-size",
            "100000",
            "--batch-seconds",
            "600",
        ),
        env=dict(os.environ, TRAPPE_DEMO="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.extend(process.stderr), daemon=True)
    reader.start()
    try:
        # one case, so one partition: when the consumer logs the bad record at the end, it has
        # read all 300 before it, and they sit in its open batch (600 s, 100,000 records)
        events = [dict(e, case_id="C-FOLLOW") for e in eventgen.valid_events(300, seed=9)]
        last = dict(events[-1], event_id="bad-last", event_type="case.reopened")
        publish_lines(broker.bootstrap, topic, eventgen.to_lines([*events, last]))
        deadline = time.monotonic() + 60
        while not any("dead letter:" in line for line in stderr):
            assert time.monotonic() < deadline and process.poll() is None, "".join(stderr)
            time.sleep(0.2)
        assert not Settings(home=home).bronze_dir.exists()  # nothing written yet
        process.send_signal(signal.SIGTERM)
        out = process.stdout.read()
        process.wait(timeout=60)
        reader.join(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, "".join(stderr)
    assert any("SIGTERM received" in line for line in stderr)
    assert "read 301, written 300, duplicates 0, dead letters 1" in out
    settings = Settings(home=home, demo=True)
    (record,) = lakeread.run_records(settings)
    assert record["status"] == "stopped" and record["written"] == 300
    assert lakeread.bronze(settings).num_rows == 300
    # and the offsets were committed: a new member of the group has nothing left to read
    _, counts = ingest_kafka(settings, broker, topic)
    assert counts.read == 0


KILL_BETWEEN_THE_APPENDS = """
import sys
from pathlib import Path
from ingestion.kafka_source import KafkaIngest
from tests.support.kill_between_appends import die_between_the_appends
from trappe.core.settings import Settings

settings = Settings(home=Path(sys.argv[1]), demo=True)
die_between_the_appends()
KafkaIngest(
    settings, sys.argv[2], topic=sys.argv[3], group=sys.argv[3], batch_records=150,
    idle_seconds=3.0, workers=0,
).run()
"""


def test_a_kill_between_the_dead_letters_and_bronze_stores_no_dead_letter_twice(
    broker, topic, lake
):
    lines, valid_ids, bad = eventgen.scenario(600, seed=21)
    publish_lines(broker.bootstrap, topic, lines)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_BETWEEN_THE_APPENDS,
            str(lake.home),
            broker.bootstrap,
            topic,
        ],
        env=dict(os.environ, TRAPPE_DEMO="1"),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    stored = {
        (r["source_partition"], r["source_offset"]) for r in lakeread.deadletters(lake).to_pylist()
    }
    store = LakeStore(lake)
    in_bronze = store.positions(f"kafka:{topic}:{p}" for p in range(3))
    # the killed batch's dead letters are in the table, past what bronze covers
    assert any(o > in_bronze.get(f"kafka:{topic}:{p}", -1) for p, o in stored)

    # the next run reads the killed batch again (cut wherever its polls fall)
    _, counts = ingest_kafka(lake, broker, topic, batch_records=150, workers=0)
    dead = [
        (r["source_partition"], r["source_offset"]) for r in lakeread.deadletters(lake).to_pylist()
    ]
    assert len(dead) == len(set(dead)) == len(bad)  # each once
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == len(valid_ids)
    runs = lakeread.run_records(lake)
    assert sorted(r["status"] for r in runs) == ["completed", "interrupted"]
    for run in runs:
        assert run["read"] == run["written"] + run["duplicates"] + run["dead_letters"]
    assert sum(r["read"] for r in runs) == len(lines)
    assert sum(r["dead_letters"] for r in runs) == len(bad)
    assert counts.dead_letters_total >= 1
