"""What other producers send, against Apache Kafka over TCP: librdkafka (confluent-kafka, the
client most case systems use) with transactions, aborted and open, and with every codec Kafka
has."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from confluent_kafka import Producer
from kafka import KafkaConsumer, TopicPartition

from ingestion.kafka_client import ensure_topics
from ingestion.kafka_source import KafkaIngest
from tests.support import eventgen, lakeread

pytestmark = pytest.mark.kafka

CODECS = ["gzip", "snappy", "lz4", "zstd"]
# a record batch's attributes hold its codec in the low three bits (Kafka's message format v2)
CODEC_IDS = {"none": 0, "gzip": 1, "snappy": 2, "lz4": 3, "zstd": 4}


@pytest.fixture(params=["kafka-python", "confluent"])
def client(request) -> str:
    """Each test runs with both clients behind ingestion's seam: the same guarantees either way."""
    return request.param


def ingest_kafka(settings, broker, topic: str, client: str, **options):
    job = KafkaIngest(
        settings,
        broker.bootstrap,
        topic=topic,
        group=topic,
        idle_seconds=3.0,
        client=client,
        **options,
    )
    return job.run()


def produce(producer: Producer, topic: str, events: list[dict], **where) -> None:
    for event in events:
        producer.produce(
            topic, value=json.dumps(event).encode(), key=event["case_id"].encode(), **where
        )
        producer.poll(0)


def data_records_in_log(bootstrap: str, topic: str) -> int:
    """Every data record in the topic, aborted ones included (read_uncommitted)."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, isolation_level="read_uncommitted"
    )
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
    consumer.assign(partitions)
    consumer.seek_to_beginning()
    ends = consumer.end_offsets(partitions)
    count = 0
    while any(consumer.position(tp) < ends[tp] for tp in partitions):
        count += sum(len(batch) for batch in consumer.poll(timeout_ms=500).values())
    consumer.close()
    return count


def test_an_aborted_transaction_never_reaches_bronze_and_an_open_one_waits(
    broker, topic, lake, client
):
    events = eventgen.valid_events(1000, seed=31)
    first, aborted, last, pending = events[:300], events[300:600], events[600:900], events[900:]
    producer = Producer(
        {
            "bootstrap.servers": broker.bootstrap,
            "linger.ms": 5,
            "transactional.id": f"{topic}-case-system",
        }
    )
    producer.init_transactions(30)
    for batch, commit in ((first, True), (aborted, False), (last, True)):
        producer.begin_transaction()
        produce(producer, topic, batch)
        if commit:
            producer.commit_transaction(30)
        else:
            assert producer.flush(30) == 0  # on the broker, then aborted
            producer.abort_transaction(30)
    producer.begin_transaction()
    produce(producer, topic, pending)
    assert producer.flush(30) == 0  # written to the log, but not committed yet
    # the aborted and the open transaction's records are in the log, for any reader to see
    assert data_records_in_log(broker.bootstrap, topic) == 1000

    _, counts = ingest_kafka(lake, broker, topic, client)
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert sorted(ids) == sorted(e["event_id"] for e in first + last)
    assert (counts.read, counts.written, counts.dead_letters_total) == (600, 600, 0)

    # once it commits, the open transaction's records follow, and nothing else
    producer.commit_transaction(30)
    _, counts = ingest_kafka(lake, broker, topic, client)
    assert (counts.read, counts.written) == (100, 100)
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert sorted(ids) == sorted(e["event_id"] for e in first + last + pending)


def batch_codecs(partition_dir: Path) -> set[str]:
    """The codec of every record batch the broker stored in a partition's log segments."""
    names = {number: name for name, number in CODEC_IDS.items()}
    codecs = set()
    for segment in sorted(partition_dir.glob("*.log")):
        data = segment.read_bytes()
        position = 0
        while position + 23 <= len(data):
            # baseOffset int64, batchLength int32, partitionLeaderEpoch int32, magic int8,
            # crc uint32, attributes int16
            (length,) = struct.unpack_from(">i", data, position + 8)
            (attributes,) = struct.unpack_from(">h", data, position + 21)
            codecs.add(names[attributes & 0x07])
            position += 12 + length
    return codecs


def test_batches_compressed_by_librdkafka_in_every_codec_are_ingested(broker, topic, lake, client):
    topic += "-codecs"  # a partition per codec
    ensure_topics(broker.bootstrap, [topic, topic + ".dlq"], partitions=len(CODECS))
    events = eventgen.valid_events(400 * len(CODECS), seed=41)
    for partition, codec in enumerate(CODECS):
        producer = Producer(
            {
                "bootstrap.servers": broker.bootstrap,
                "compression.type": codec,
                "linger.ms": 50,
                "enable.idempotence": True,
            }
        )
        produce(
            producer, topic, events[partition * 400 : (partition + 1) * 400], partition=partition
        )
        assert producer.flush(30) == 0
    # the broker keeps each batch as the producer compressed it (compression.type=producer)
    for partition, codec in enumerate(CODECS):
        assert batch_codecs(broker.log_dir / f"{topic}-{partition}") == {codec}

    _, counts = ingest_kafka(lake, broker, topic, client)
    assert (counts.read, counts.written, counts.dead_letters_total) == (len(events), len(events), 0)
    bronze = lakeread.bronze(lake)
    assert sorted(bronze.column("event_id").to_pylist()) == sorted(e["event_id"] for e in events)
    by_partition = {}
    for row in bronze.select(["event_id", "source_partition"]).to_pylist():
        by_partition.setdefault(row["source_partition"], set()).add(row["event_id"])
    assert {CODECS[p]: len(ids) for p, ids in by_partition.items()} == dict.fromkeys(CODECS, 400)
