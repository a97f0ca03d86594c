"""No message stops the Kafka source: whatever sits in the middle of a partition (a tombstone, a
message larger than a fetch, bytes that are not UTF-8, headers, odd keys, the records of issue 12)
ends as a dead letter with its reason, or in bronze, and the partition moves on."""

from __future__ import annotations

import json
import time

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from ingestion.kafka_source import DLQ_MAX_MESSAGE_BYTES, KafkaIngest
from tests.support import eventgen, lakeread

pytestmark = pytest.mark.kafka

HUGE = 5 * 1024 * 1024  # over the contract's 1 MiB and the consumer's 4 MiB partition fetch


@pytest.fixture(params=["kafka-python", "confluent"])
def client(request) -> str:
    """Each test runs with both clients behind ingestion's seam: the same guarantees either way."""
    return request.param


def ingest_kafka(settings, broker, topic: str, client: str):
    job = KafkaIngest(
        settings, broker.bootstrap, topic=topic, group=topic, idle_seconds=3.0, client=client
    )
    return job.run()


def send_to_partition_zero(bootstrap: str, topic: str, messages: list[dict]) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, max_request_size=2 * HUGE, acks="all")
    for message in messages:
        producer.send(topic, partition=0, **message)
    producer.flush()
    producer.close()


def read_topic(bootstrap: str, topic: str, expected: int) -> list:
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    consumer.assign([TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)])
    messages, deadline = [], time.monotonic() + 20
    while len(messages) < expected and time.monotonic() < deadline:
        for batch in consumer.poll(timeout_ms=500).values():
            messages.extend(batch)
    consumer.close()
    return messages


def surround(poison: list[dict], seed: int) -> tuple[list[dict], list[dict], list[dict]]:
    """Valid events before and after the poison, all as messages for partition 0."""
    events = eventgen.valid_events(40, seed=seed)
    as_message = [{"value": json.dumps(e).encode(), "key": e["case_id"].encode()} for e in events]
    return events, as_message[:20] + poison + as_message[20:], as_message


def test_kafka_poison_becomes_dead_letters_and_the_partition_moves_on(broker, topic, lake, client):
    template = eventgen.valid_events(1, seed=8)[0]
    with_headers = dict(template, event_id="with-headers", case_id="C-HEADERS")
    no_key = dict(template, event_id="no-key", case_id="C-NOKEY")
    odd_key = dict(template, event_id="odd-key", case_id="C-ODDKEY")
    poison = [
        {"value": None, "key": b"C-000001"},  # a tombstone
        {"value": b'{"event_id": "huge", "note": "' + b"x" * HUGE + b'"}', "key": b"C-HUGE"},
        {"value": b"\xff\xfe" + json.dumps(template).encode(), "key": b"C-LATIN"},
        {"value": b"", "key": b"C-EMPTY"},
        # headers, a missing key and a key that is not text are no business of the contract
        {
            "value": json.dumps(with_headers).encode(),
            "key": b"C-HEADERS",
            "headers": [
                ("traceparent", b"00-4bf92f3577b34da6-00f067aa0ba902b7-01"),
                ("binary", b"\x00\xff\xfe"),
                ("empty", b""),
                ("twice", b"1"),
                ("twice", b"2"),
            ],
        },
        {"value": json.dumps(no_key).encode(), "key": None},
        {"value": json.dumps(odd_key).encode(), "key": b"\x00\xff" * 100},
    ]
    events, messages, _ = surround(poison, seed=61)
    send_to_partition_zero(broker.bootstrap, topic, messages)
    dead_offsets = {20, 21, 22, 23}  # the first four of the poison

    _, counts = ingest_kafka(lake, broker, topic, client)
    assert (counts.read, counts.written, counts.dead_letters_total) == (47, 43, 4)
    ids = set(lakeread.bronze(lake).column("event_id").to_pylist())
    assert ids == {e["event_id"] for e in events} | {"with-headers", "no-key", "odd-key"}
    dead = {row["source_offset"]: row for row in lakeread.deadletters(lake).to_pylist()}
    assert set(dead) == dead_offsets
    for offset, row in dead.items():
        assert row["reason"].startswith(f"{topic}[0]@{offset}: ") and row["error_code"]
    assert "tombstone" in dead[20]["reason"]
    (record,) = lakeread.run_records(lake)
    assert record["status"] == "completed"

    # on the dead-letter topic too; the huge one cut to what a default topic takes (the lake's
    # dead letter above keeps it whole)
    dlq = read_topic(broker.bootstrap, topic + ".dlq", 4)
    by_offset = {int(dict(m.headers)["source_offset"]): m for m in dlq}
    assert set(by_offset) == dead_offsets
    huge = by_offset[21]
    assert int(dict(huge.headers)["truncated_from_bytes"]) > HUGE
    assert len(huge.value) < DLQ_MAX_MESSAGE_BYTES
    assert len(dead[21]["raw"]) > HUGE

    # and the group is past the poison: nothing is read again
    _, again = ingest_kafka(lake, broker, topic, client)
    assert again.read == 0


def test_the_records_of_issue_12_in_a_topic_are_dead_letters_around_which_all_is_ingested(
    broker, topic, lake, client
):
    template = json.dumps(eventgen.valid_events(1, seed=9)[0])
    poison = [
        {"value": value, "key": b"C-POISON"}
        for value in (
            template.replace(json.loads(template)["occurred_at"], "0001-01-01").encode(),
            template.replace(
                json.loads(template)["occurred_at"], "9999-12-31T23:00:00-05:00"
            ).encode(),
            b"[" * 10_000 + b"]" * 10_000,
            b'{"event_id": "digits", "schema_version": ' + b"7" * 5_000 + b"}",
        )
    ]
    events, messages, _ = surround(poison, seed=71)
    send_to_partition_zero(broker.bootstrap, topic, messages)

    _, counts = ingest_kafka(lake, broker, topic, client)
    assert (counts.read, counts.written, counts.dead_letters_total) == (44, 40, 4)
    assert set(lakeread.bronze(lake).column("event_id").to_pylist()) == {
        e["event_id"] for e in events
    }
    dead = {row["source_offset"]: row for row in lakeread.deadletters(lake).to_pylist()}
    assert set(dead) == {20, 21, 22, 23}
    assert all(row["reason"].startswith(f"{topic}[0]@{offset}: ") for offset, row in dead.items())
