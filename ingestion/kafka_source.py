"""Kafka topic → bronze: a consumer-group member that commits only what the lake holds.

Exactly-once in effect: a batch's last offset per partition is committed to bronze in the same
Delta commit as its events (an application transaction per partition), offsets are committed
to Kafka only after that, and on every partition assignment the consumer seeks to one past the
offset in bronze's transaction. A crash between the lake commit and the Kafka commit therefore
replays nothing; a crash before the lake commit replays the batch, which was never committed.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import UTC, datetime
from itertools import groupby
from operator import attrgetter

from ingestion.bronze import Coordinates
from ingestion.checking import DEFAULT_WORKERS, Checker, Chunk
from ingestion.ingestor import Ingestor, Progress, RunCounts
from ingestion.kafka_client import (
    CommitFailed,
    Consumer,
    Positions,
    Producer,
    Record,
    check_client,
    ensure_topics,
    make_consumer,
    make_producer,
)
from trappe.contract import pseudonym_key
from trappe.core.settings import Settings

log = logging.getLogger("trappe.ingest")

DEFAULT_GROUP = "trappe-lake"
# as the file source: each batch costs two Delta commits and a Kafka commit whatever its size,
# and a batch still waits at most `batch_seconds` for records
DEFAULT_BATCH_RECORDS = 50_000
DEFAULT_BATCH_SECONDS = 5.0
DEFAULT_IDLE_SECONDS = 10.0
POLL_MS = 500
# while chunks are being validated: a poll that finds nothing returns soon, so that the checked
# chunks go on to the batch (and a full batch to the lake) while the workers still run, not a
# poll's wait later (at the end of a topic, that wait was a fifth of a 67,000-event run)
BUSY_POLL_MS = 20
# records are validated in chunks (a poll's records of one partition, cut to this size), by
# worker processes while the next poll is read
CHUNK_RECORDS = 2_000
# a poll costs the client its own bookkeeping (kafka-python: ~1 ms) whatever it returns
POLL_RECORDS = 10_000
JOIN_TIMEOUT_SECONDS = 120.0
# Kafka refuses a message over the topic's max.message.bytes (1 MB unless raised) and a
# producer one over its max.request.size (1 MB): a dead letter copied whole could be refused,
# and the run would stop on it at every restart. Past these sizes the topic gets its first
# bytes; the lake's dead letters keep it whole.
DLQ_MAX_MESSAGE_BYTES = 900 * 1024
DLQ_MAX_FIELD_BYTES = 8 * 1024  # the key and each header value


def _stream(topic: str, partition: int) -> str:
    return f"kafka:{topic}:{partition}"


def _chunks(records: list[Record], size: int) -> list[Chunk]:
    """A poll's records as chunks of at most `size` records of one partition (a poll holds
    each partition's records together, in offset order)."""
    chunks = []
    for (topic, partition), run in groupby(records, key=attrgetter("topic", "partition")):
        partition_records = list(run)
        for start in range(0, len(partition_records), size):
            group = partition_records[start : start + size]
            chunks.append(
                Chunk(
                    Coordinates.kafka(topic, partition, group[0].offset),
                    [r.value for r in group],
                    [r.offset for r in group],
                    [r.key for r in group],
                )
            )
    return chunks


class DeadLetterProducer:
    """The dead-letter topic's producer: a dead letter too large for a topic with Kafka's
    default limits is cut, and a `truncated_from_bytes` header gives its whole size."""

    def __init__(self, producer: Producer) -> None:
        self._producer = producer

    def send(
        self,
        topic: str,
        value: bytes,
        key: bytes | None = None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> None:
        key = key[:DLQ_MAX_FIELD_BYTES] if key is not None else None
        headers = [(name, data[:DLQ_MAX_FIELD_BYTES]) for name, data in headers or []]
        room = (
            DLQ_MAX_MESSAGE_BYTES
            - len(key or b"")
            - sum(len(name) + len(data) + 16 for name, data in headers)
            - 64
        )
        if value is not None and len(value) > room:
            headers.append(("truncated_from_bytes", str(len(value)).encode()))
            value = value[: max(0, room)]
        self._producer.send(topic, value=value, key=key, headers=headers)

    def flush(self) -> None:
        self._producer.flush()

    def close(self) -> None:
        self._producer.close()


class KafkaIngest:
    def __init__(
        self,
        settings: Settings,
        bootstrap: str,
        *,
        topic: str | None = None,
        group: str = DEFAULT_GROUP,
        follow: bool = False,
        batch_records: int = DEFAULT_BATCH_RECORDS,
        batch_seconds: float = DEFAULT_BATCH_SECONDS,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        dead_letter_topic: bool = True,
        workers: int = DEFAULT_WORKERS,
        run_id: str | None = None,
        client: str | None = None,
    ) -> None:
        """`client`: the Kafka client library (default `settings.kafka_client`)."""
        self.settings = settings
        self.client = check_client(client or settings.kafka_client)
        self.topic = topic or settings.topic
        self.dlq_topic = self.topic + ".dlq"
        self.follow = follow
        self.batch_records, self.batch_seconds = batch_records, batch_seconds
        self.chunk_records = min(CHUNK_RECORDS, batch_records)
        self.poll_records = min(POLL_RECORDS, batch_records)
        self.idle_seconds = idle_seconds
        self.stop_requested = threading.Event()
        self._uncommitted: Positions = {}
        key = pseudonym_key(settings)  # fails early without a key
        # before any Kafka client: the workers fork while this process has no other threads
        self.checker = Checker(key, workers)
        ensure_topics(bootstrap, [self.topic, self.dlq_topic])
        self.dlq = (
            DeadLetterProducer(make_producer(self.client, bootstrap)) if dead_letter_topic else None
        )
        self.ingestor = Ingestor(
            settings,
            run_id=run_id,
            dlq=self.dlq,
            dlq_topic=self.dlq_topic,
            key=key,
            source={
                "kind": "kafka",
                "bootstrap": bootstrap,
                "topic": self.topic,
                "group": group,
                "client": self.client,
            },
        )
        self.consumer: Consumer = make_consumer(
            self.client,
            bootstrap,
            self.topic,
            group,
            start_positions=self._start_positions,
            before_revoke=self._flush,
            max_poll_records=self.poll_records,
        )

    def _start_positions(self, partitions: list[tuple[str, int]]) -> Positions:
        """Where the lake says each partition goes on: one past its last offset in bronze.

        Offsets are committed to Kafka only after the lake holds the batch, so the group's
        committed offset is never past this; it is behind it after a crash between the two,
        which is exactly when reading from the committed offset would write a batch twice.
        Partitions the lake has never seen start at the committed offset (or the earliest).
        Read from disk each time: another member may have written these partitions meanwhile.
        """
        in_lake = self.ingestor.store.positions(_stream(t, p) for t, p in partitions)
        start: Positions = {}
        for topic, partition in partitions:
            last = in_lake.get(_stream(topic, partition))
            if last is not None:
                start[(topic, partition)] = last + 1
        log.info(
            "partitions assigned: %s; lake resumes at %s",
            ", ".join(f"{t}[{p}]" for t, p in partitions) or "none",
            ", ".join(f"{t}[{p}]@{o}" for (t, p), o in sorted(start.items()))
            or "none (committed offsets or earliest)",
        )
        return start

    def _write_batch(self) -> None:
        """Commit the batch to the lake; its offsets wait for `_commit`."""
        for stream, last in self.ingestor.flush().items():
            _, topic, partition = stream.rsplit(":", 2)
            self._uncommitted[(topic, int(partition))] = last + 1

    def _flush(self) -> None:
        """Write all that was read to the lake (safe on the consumer's network thread: no
        Kafka IO but the DLQ producer's own)."""
        self._take_checked(wait_all=True)
        self._write_batch()

    def _commit(self) -> None:
        if not self._uncommitted:
            return
        try:
            self.consumer.commit(self._uncommitted)
        except CommitFailed as exc:
            # harmless: the lake, not the group, says where to resume
            log.warning("%s; the lake's offsets stay authoritative", exc)
        self._uncommitted.clear()

    def _flush_and_commit(self) -> None:
        self._flush()
        self._commit()

    def _caught_up(self) -> bool:
        lags = self.consumer.lag()
        return bool(lags) and all(v == 0 for v in lags.values())

    def install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set handlers; an embedding caller stops us itself

        def request_stop(signum: int, _frame: object) -> None:
            log.info("%s received: finishing the current batch", signal.Signals(signum).name)
            self.stop_requested.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

    def _take_checked(self, wait_all: bool = False) -> None:
        """Hand the checked chunks to the ingestor, writing each batch as it fills."""
        for chunk, checked in self.checker.take(wait_all):
            self.ingestor.add(chunk, checked)
            if self.ingestor.pending >= self.batch_records:
                self._write_batch()

    def run(self) -> tuple[str, RunCounts]:
        ingestor = self.ingestor
        progress = Progress(lambda: ingestor.counts.read + ingestor.pending, self.consumer.lag)
        started = last_activity = time.monotonic()
        assigned = False
        status = "completed"
        try:
            while not self.stop_requested.is_set():
                busy = self.checker.in_flight > 0
                records = self.consumer.poll(self.poll_records, BUSY_POLL_MS if busy else POLL_MS)
                if records:
                    now_utc = datetime.now(UTC)
                    for chunk in _chunks(records, self.chunk_records):
                        self.checker.submit(chunk, now_utc)
                self._take_checked()
                now = time.monotonic()
                if records or (not assigned and self.consumer.assignment()):
                    # idleness counts from the group join on, never from before it
                    assigned, last_activity = True, now
                if not assigned and now - started > JOIN_TIMEOUT_SECONDS:
                    raise RuntimeError(
                        f"no partition of {self.topic} assigned after "
                        f"{JOIN_TIMEOUT_SECONDS:.0f} s: is the group "
                        "full, or the broker unreachable?"
                    )
                if ingestor.pending and ingestor.batch_age >= self.batch_seconds:
                    self._write_batch()
                self._commit()
                progress.tick()
                if (
                    not self.follow
                    and assigned
                    and not records
                    and not self.checker.in_flight
                    and (self._caught_up() or now - last_activity >= self.idle_seconds)
                ):
                    break
            if self.stop_requested.is_set():
                status = "stopped"
            self._take_checked(wait_all=True)
            self._flush_and_commit()
            progress.tick(force=True)
        except BaseException:
            status = "failed"
            raise
        finally:
            try:
                self.consumer.close()
                if self.dlq is not None:
                    self.dlq.close()
                self.checker.close()
            finally:
                ingestor.finish(status, {"follow": self.follow})
        return ingestor.run_id, ingestor.counts
