"""Running the contract's one validation path over chunks of records, inline or in a worker.

Validation is most of ingestion's CPU time (pydantic, the CPR scan, the payload's JSON). With a
worker process it runs beside the consumer instead of after it: the main process polls Kafka
and writes Parquet while the worker checks the chunk before. Results come back as
`BronzeEvent` tuples (cheap to pickle, already with `payload_json`) or `Rejection`s.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from typing import NamedTuple, Sequence

from trappe.contract import Rejection, validate_line


class BronzeEvent(NamedTuple):
    """A valid event as bronze stores it (the attributes `ingestion.bronze.bronze_table` reads)."""

    event_id: str
    event_type: str
    schema_version: int
    occurred_at: datetime
    recorded_at: datetime
    municipality: str
    case_id: str
    child_id: str | None
    caseworker_id: str | None
    payload_json: str


Checked = BronzeEvent | Rejection


def check_lines(raws: Sequence[bytes], key: bytes, ingested_at: datetime) -> list[Checked]:
    out: list[Checked] = []
    for raw in raws:
        result = validate_line(raw, key=key, ingested_at=ingested_at)
        if isinstance(result, Rejection):
            out.append(result)
        else:
            out.append(BronzeEvent(
                result.event_id, result.event_type, result.schema_version, result.occurred_at,
                result.recorded_at, result.municipality, result.case_id, result.child_id,
                result.caseworker_id, result.payload_json))
    return out


_worker_key: bytes = b""


def _worker_init(key: bytes, parent: int) -> None:
    global _worker_key
    _worker_key = key

    def exit_with_parent() -> None:
        # a SIGKILLed ingest must not leave its worker behind
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=exit_with_parent, daemon=True).start()


def _worker_check(raws: Sequence[bytes], ingested_at: datetime) -> list[Checked]:
    return check_lines(raws, _worker_key, ingested_at)


class LineChecker:
    """`submit(raws, ingested_at)` → a future of the checked records, in order.

    `workers=0` checks inline. Create it before any Kafka client: the workers are forked at
    once, while the process has no other threads.
    """

    def __init__(self, key: bytes, workers: int = 1) -> None:
        self.key = key
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_init, initargs=(key, os.getpid()))
            self._pool.submit(len, ()).result()  # fork the workers now

    def submit(self, raws: Sequence[bytes], ingested_at: datetime) -> Future:
        if self._pool is not None:
            return self._pool.submit(_worker_check, raws, ingested_at)
        future: Future = Future()
        future.set_result(check_lines(raws, self.key, ingested_at))
        return future

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
