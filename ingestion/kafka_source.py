"""Kafka topic → bronze: a consumer-group member that commits only what the lake holds.

Exactly-once in effect: offsets are committed to Kafka after the batch's manifest is durable,
and on every partition assignment the consumer seeks to max(committed offset, last offset in
the lake's manifests + 1). A crash between the lake commit and the Kafka commit therefore
replays nothing; a crash before the lake commit replays the batch, which was never published.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future
from datetime import datetime, timezone

from ingestion.checking import LineChecker
from ingestion.ingestor import Coordinates, Ingestor, Progress, RunCounts
from ingestion.kafka_client import (
    CommitFailed,
    Consumer,
    KafkaPythonConsumer,
    KafkaPythonProducer,
    Positions,
    ensure_topics,
)
from trappe.config import Settings
from trappe.contract import pseudonym_key

log = logging.getLogger("trappe.ingest")

DEFAULT_GROUP = "trappe-lake"
DEFAULT_BATCH_RECORDS = 20_000
DEFAULT_BATCH_SECONDS = 5.0
DEFAULT_IDLE_SECONDS = 10.0
POLL_MS = 500
# records are validated in chunks of one poll, by a worker process while the next is polled
CHUNK_RECORDS = 2_000
MAX_CHUNKS_IN_FLIGHT = 4
DEFAULT_WORKERS = 1
JOIN_TIMEOUT_SECONDS = 120.0


def _stream(topic: str, partition: int) -> str:
    return f"kafka:{topic}:{partition}"


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
    ) -> None:
        self.settings = settings
        self.topic = topic or settings.topic
        self.dlq_topic = self.topic + ".dlq"
        self.follow = follow
        self.batch_records, self.batch_seconds = batch_records, batch_seconds
        self.chunk_records = min(CHUNK_RECORDS, batch_records)
        self.idle_seconds = idle_seconds
        self.stop_requested = threading.Event()
        self._uncommitted: Positions = {}
        self._in_flight: deque[tuple[list, Future]] = deque()
        key = pseudonym_key()  # fails early without a key
        # before any Kafka client: the workers fork while this process has no other threads
        self.checker = LineChecker(key, workers)
        ensure_topics(bootstrap, [self.topic, self.dlq_topic])
        self.dlq = KafkaPythonProducer(bootstrap) if dead_letter_topic else None
        self.ingestor = Ingestor(
            settings, run_id=run_id, dlq=self.dlq, dlq_topic=self.dlq_topic, key=key,
            source={"kind": "kafka", "bootstrap": bootstrap, "topic": self.topic, "group": group},
        )
        self.consumer: Consumer = KafkaPythonConsumer(
            bootstrap, self.topic, group,
            start_positions=self._start_positions,
            before_revoke=self._flush,
            max_poll_records=self.chunk_records,
        )

    def _start_positions(self, partitions: list[tuple[str, int]]) -> Positions:
        """Where the lake says each partition goes on: one past its last offset in bronze.

        Offsets are committed to Kafka only after the lake holds the batch, so the group's
        committed offset is never past this; it is behind it after a crash between the two,
        which is exactly when reading from the committed offset would write a batch twice.
        Partitions the lake has never seen start at the committed offset (or the earliest).
        Read from disk each time: another member may have written these partitions meanwhile.
        """
        in_lake = self.ingestor.store.positions()
        start: Positions = {}
        for topic, partition in partitions:
            last = in_lake.get(_stream(topic, partition))
            if last is not None:
                start[(topic, partition)] = last + 1
        log.info("partitions assigned: %s; lake resumes at %s",
                 ", ".join(f"{t}[{p}]" for t, p in partitions) or "none",
                 ", ".join(f"{t}[{p}]@{o}" for (t, p), o in sorted(start.items()))
                 or "none (committed offsets or earliest)")
        return start

    def _flush(self) -> None:
        """Write the batch to the lake (safe on the consumer's network thread: no Kafka IO
        but the DLQ producer's own)."""
        self._take_checked(wait_all=True)
        for stream, last in self.ingestor.flush().items():
            _, topic, partition = stream.rsplit(":", 2)
            self._uncommitted[(topic, int(partition))] = last + 1

    def _flush_and_commit(self) -> None:
        self._flush()
        try:
            self.consumer.commit(self._uncommitted)
        except CommitFailed as exc:
            # harmless: the lake, not the group, says where to resume
            log.warning("%s; the lake's offsets stay authoritative", exc)
        self._uncommitted.clear()

    def _caught_up(self) -> bool:
        lags = self.consumer.lag()
        return bool(lags) and all(v == 0 for v in lags.values())

    def install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set handlers; an embedding caller stops us itself

        def request_stop(signum, _frame):
            log.info("%s received: finishing the current batch", signal.Signals(signum).name)
            self.stop_requested.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

    def _take_checked(self, wait_all: bool = False) -> None:
        """Hand the checked chunks, oldest first, to the ingestor: those done, and all when
        `wait_all` or when too many are in flight."""
        while self._in_flight and (wait_all or self._in_flight[0][1].done()
                                   or len(self._in_flight) > MAX_CHUNKS_IN_FLIGHT):
            records, future = self._in_flight.popleft()
            add = self.ingestor.add
            for record, checked in zip(records, future.result()):
                add(record.value, Coordinates("kafka", record.topic, record.partition,
                                              record.offset), record.key, checked)

    def run(self) -> tuple[str, RunCounts]:
        ingestor = self.ingestor
        progress = Progress(lambda: ingestor.counts.read + ingestor.pending, self.consumer.lag)
        started = last_activity = time.monotonic()
        assigned = False
        status = "completed"
        try:
            while not self.stop_requested.is_set():
                records = self.consumer.poll(self.chunk_records, POLL_MS)
                if records:
                    self._in_flight.append(
                        (records, self.checker.submit([r.value for r in records],
                                                      datetime.now(timezone.utc))))
                self._take_checked(wait_all=not records)
                now = time.monotonic()
                if records or (not assigned and self.consumer.assignment()):
                    # idleness counts from the group join on, never from before it
                    assigned, last_activity = True, now
                if not assigned and now - started > JOIN_TIMEOUT_SECONDS:
                    raise RuntimeError(f"no partition of {self.topic} assigned after "
                                       f"{JOIN_TIMEOUT_SECONDS:.0f} s: is the group "
                                       "full, or the broker unreachable?")
                if ingestor.pending >= self.batch_records or (
                        ingestor.pending and ingestor.batch_age >= self.batch_seconds):
                    self._flush_and_commit()
                progress.tick()
                if not self.follow and assigned and not records and not self._in_flight and (
                        self._caught_up() or now - last_activity >= self.idle_seconds):
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
