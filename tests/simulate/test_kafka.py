"""`trappe simulate --kafka`: the stream goes to a real broker (Apache Kafka over TCP, the
session's `broker` of tests/conftest.py), keyed by case."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

pytestmark = pytest.mark.kafka


def test_publishes_every_line_to_the_topic(broker, tmp_path):
    from kafka import KafkaConsumer, TopicPartition

    from ingestion.kafka_client import ensure_topics
    from trappe.app.commands.simulate import simulate

    topic = "simulate-test"
    ensure_topics(broker.bootstrap, [topic], partitions=3)
    out = tmp_path / "copy.jsonl"
    result = CliRunner().invoke(
        simulate,
        [
            "--scenario",
            "national",
            "--municipalities",
            "1",
            "--years",
            "2021",
            "--events",
            "1500",
            "--kafka",
            broker.bootstrap,
            "--topic",
            topic,
            "--out",
            str(out),
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_bytes().splitlines()
    assert f"published {len(lines)} messages to {topic}" in result.output

    consumer = KafkaConsumer(
        bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    consumer.assign([TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)])
    messages, deadline = [], time.monotonic() + 30
    while len(messages) < len(lines) and time.monotonic() < deadline:
        for batch in consumer.poll(timeout_ms=500).values():
            messages.extend(batch)
    consumer.close()
    assert sorted(m.value for m in messages) == sorted(lines)
    partitions_of_case: dict[bytes, set[int]] = {}
    for m in messages:
        if m.key is not None:
            assert json.loads(m.value)["case_id"].encode() == m.key
            partitions_of_case.setdefault(m.key, set()).add(m.partition)
    assert partitions_of_case and all(len(p) == 1 for p in partitions_of_case.values())
