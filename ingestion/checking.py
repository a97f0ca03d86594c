"""Validation of records in chunks, in worker processes beside the source, in order.

Validation is most of ingestion's CPU time (pydantic, the CPR scan, the payload's JSON). A source
cuts its records into `Chunk`s (consecutive records of one stream) and hands them to a
`Checker`; worker processes validate them while the source reads on, and each comes back as a
`CheckedChunk`: the valid events already as an Arrow table in bronze's columns (Arrow crosses
the process boundary as buffers, not as millions of Python objects) and the rejections by index.
With `workers=0` the same work runs inline.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from typing import NamedTuple, cast

import pyarrow as pa

from ingestion.bronze import Coordinates, checked_rows_table
from trappe.contract import Rejection
from trappe.contract.validator import EventRow, validate_lines

# Validation processes beside the source: one a core (measured on 2 cores, 1 M events from a
# file: inline 38 s, 1 worker 32 s, 2 workers 19 s; the source's own process mostly waits).
DEFAULT_WORKERS = min(8, os.cpu_count() or 1)
# Enough queued work to keep each worker busy while the source commits a batch (a few tenths
# of a second, in which it takes no checked chunk and submits none): with 3 a chunk (2,000
# records, ~35 ms of validation) the workers ran dry during every commit.
MAX_CHUNKS_IN_FLIGHT_PER_WORKER = 8


class Chunk(NamedTuple):
    """Consecutive records of one source stream, as a source hands them to validation."""

    origin: Coordinates  # the stream; `position` is that of the first record
    raws: list[bytes]
    positions: list[int]  # each record's offset or line number, increasing
    keys: list[bytes | None] | None = None  # Kafka message keys, for the dead-letter topic

    def coordinates(self, i: int) -> Coordinates:
        return self.origin._replace(position=self.positions[i])


class CheckedChunk(NamedTuple):
    events: pa.Table  # the valid events, in `ingestion.bronze.CHECKED_SCHEMA`
    rejections: list[tuple[int, Rejection]]  # (index in the chunk, why)


def check_chunk(chunk: Chunk, key: bytes, ingested_at: datetime) -> CheckedChunk:
    results = validate_lines(chunk.raws, key=key, ingested_at=ingested_at)
    rejections = [(i, r) for i, r in enumerate(results) if isinstance(r, Rejection)]
    if not rejections:
        valid, kept = cast(list[EventRow], results), chunk.positions
    else:
        valid = [r for r in results if not isinstance(r, Rejection)]
        kept = [
            p for p, r in zip(chunk.positions, results, strict=True) if not isinstance(r, Rejection)
        ]
    return CheckedChunk(checked_rows_table(valid, chunk.origin.source_columns(kept)), rejections)


_worker_key: bytes = b""


def _worker_init(key: bytes, parent: int) -> None:
    global _worker_key
    _worker_key = key
    # Ctrl-C reaches the whole process group: the parent decides what to keep, not the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def exit_with_parent() -> None:
        # a SIGKILLed ingest must not leave its worker behind
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=exit_with_parent, daemon=True).start()


def _worker_check(chunk: Chunk, ingested_at: datetime) -> CheckedChunk:
    return check_chunk(chunk, _worker_key, ingested_at)


class Checker:
    """`submit(chunk, ingested_at)`, then `take()` the checked chunks in submission order.

    Create it before any Kafka client: the workers are forked at once, while the process has
    no other threads. Forked, not started from a fork server or spawned: those re-run the
    embedding program's `__main__` in every worker (a Streamlit script, a test runner's
    AppTest page), which the whole test suite showed. At most
    `MAX_CHUNKS_IN_FLIGHT_PER_WORKER` chunks a worker are in flight; `take()` waits for the
    oldest beyond that, which holds a fast source back.
    """

    def __init__(self, key: bytes, workers: int = DEFAULT_WORKERS) -> None:
        self.key = key
        self._pool: ProcessPoolExecutor | None = None
        self._in_flight: deque[tuple[Chunk, Future[CheckedChunk]]] = deque()
        self._max_in_flight = max(1, workers * MAX_CHUNKS_IN_FLIGHT_PER_WORKER)
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_init,
                initargs=(key, os.getpid()),
            )
            # Fork the workers now, with the parent's objects frozen out of the children's
            # garbage collector: a child collecting an inherited cycle that holds a client of
            # a C library with threads of its own (librdkafka's producer, left for the GC by
            # its owner) ran its destructor against threads that do not exist in the child
            # and crashed the worker (a segfault seen in the test suite, then BrokenProcessPool)
            gc.freeze()
            try:
                self._pool.submit(len, ()).result()
            finally:
                gc.unfreeze()

    def submit(self, chunk: Chunk, ingested_at: datetime) -> None:
        if not chunk.raws:
            return
        if self._pool is not None:
            # the keys stay here: only a rejection needs its record's key
            future = self._pool.submit(_worker_check, chunk._replace(keys=None), ingested_at)
        else:
            future = Future()
            future.set_result(check_chunk(chunk, self.key, ingested_at))
        self._in_flight.append((chunk, future))

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    def take(self, wait_all: bool = False) -> Iterator[tuple[Chunk, CheckedChunk]]:
        """The checked chunks, oldest first: those done, and all when `wait_all`."""
        while self._in_flight and (
            wait_all or self._in_flight[0][1].done() or len(self._in_flight) > self._max_in_flight
        ):
            chunk, future = self._in_flight.popleft()
            yield chunk, future.result()

    def close(self) -> None:
        self._in_flight.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
