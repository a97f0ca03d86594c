"""What both sources share: validate each record, batch, dedupe, commit to the lake, count.

A source hands records in as checked chunks (`ingestion.checking`); `Ingestor.flush()` commits
the batch through `LakeStore` (Delta appends to the dead letters and bronze) and returns the
positions that are now safe to acknowledge to the source (the Kafka offsets to commit). The
run's counts go to `ingest_runs/<run_id>.json` after every batch, and each batch's counts go
with it into bronze's commit, so even a killed run leaves a record that reconciles:
read = written + duplicates + dead letters.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
from deltalake.exceptions import DeltaError

from ingestion.bronze import Coordinates, batch_id, deadletter_table, stamp_ingestion
from ingestion.checking import CheckedChunk, Chunk, check_chunk
from ingestion.dedupe import EventIdIndex
from ingestion.kafka_client import Producer
from ingestion.store import LakeStore, storage_error
from trappe.contract import Rejection, mask_cpr, pseudonym_key
from trappe.contract.cpr import mask_cpr_bytes
from trappe.contract.lake import CHECKED_SCHEMA
from trappe.core.errors import LakeBusy, StorageError
from trappe.core.locking import LakeLock, describe
from trappe.core.settings import Settings
from trappe.core.storage import write_json_atomically
from trappe.core.time import new_run_id

log = logging.getLogger("trappe.ingest")

# Who writes to a lake at the same time: policy, not a Delta need. An ingest from a file
# excludes every other ingest: two would each write the other's records (their event-id
# indexes do not see each other). The members of one Kafka consumer group share the lake (the
# group never gives a partition to two of them, and Delta serialises their commits) and
# exclude file ingests.
LOCK_FILE = ".ingest.lock"
LOCK_WAIT_SECONDS = 10.0


def _storable(text: str) -> str:
    # a lone surrogate (from a \u escape) is no UTF-8: Parquet and Kafka would refuse the batch
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def stored_raw(raw: bytes) -> tuple[str, str | None]:
    """A rejected record as the dead letters keep it: its text, and, when it is not UTF-8
    (so the text had to replace some bytes), all its bytes as base64; CPR-like numbers masked
    in both."""
    try:
        return mask_cpr(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        masked = mask_cpr_bytes(raw)
        return masked.decode("utf-8", "replace"), base64.b64encode(masked).decode("ascii")


@dataclass
class RunCounts:
    read: int = 0
    written: int = 0
    duplicates: int = 0
    dead_letters: Counter[str] = field(default_factory=Counter)
    batches: int = 0

    @property
    def dead_letters_total(self) -> int:
        return sum(self.dead_letters.values())

    def summary(self) -> str:
        by_reason = ", ".join(f"{code} {n}" for code, n in sorted(self.dead_letters.items()))
        return (
            f"read {self.read}, written {self.written}, duplicates {self.duplicates}, "
            f"dead letters {self.dead_letters_total}" + (f" ({by_reason})" if by_reason else "")
        )


class Ingestor:
    def __init__(
        self,
        settings: Settings,
        *,
        source: dict[str, Any],
        dlq: Producer | None = None,
        dlq_topic: str | None = None,
        run_id: str | None = None,
        key: bytes | None = None,
        lock_wait: float = LOCK_WAIT_SECONDS,
    ) -> None:
        """Holds the lake's ingest lock from here to `finish()` (or `close()`); waits up to
        `lock_wait` seconds for another ingest, then raises `LakeBusy` naming it. A Kafka
        source (`source["kind"] == "kafka"`) shares the lake with its group's other members."""
        self.settings = settings
        self.run_id = run_id or new_run_id()
        self.source = source
        self.key = key if key is not None else pseudonym_key(settings)  # fails early without a key
        self.dlq, self.dlq_topic = dlq, dlq_topic
        kind = source.get("kind", "file")
        shared = kind == "kafka"
        group = {"topic": source.get("topic"), "group": source.get("group")} if shared else None
        self.lock = LakeLock(
            settings.home / LOCK_FILE, f"ingest from {kind}", wait_seconds=lock_wait, tag=group
        )
        alone = self.lock.try_acquire() if shared else bool(self.lock.acquire())
        if not alone:
            self.lock.acquire(shared=True)
            other = (self.lock.previous or {}).get("tag")
            if other and other != group:
                # another group reads the same partitions: each would write what the other did
                self.lock.release()
                raise LakeBusy(
                    f"cannot ingest from kafka into the lake at {settings.home}: consumer group "
                    f"{other.get('group')} of topic {other.get('topic')} is writing to it "
                    f"({describe(self.lock.previous)}); one lake takes one group at a time"
                )
        try:
            self.store = LakeStore(settings)
            self._close_interrupted_runs()
            if shared and alone:
                self.lock.downgrade()
            self.index = EventIdIndex(self.store.bronze())
            self.store.bronze_files_seen(self.index.snapshot_files)
            log.info("event-id index: %d events already in bronze", len(self.index))
            self.counts = RunCounts()
            self.started_at = datetime.now(UTC)
            self._batch_seq = 0
            self._reset_batch()
            self._write_run_record("running")
        except (OSError, DeltaError) as exc:
            self.lock.release()
            error = storage_error(exc, f"cannot prepare the lake at {settings.home} for an ingest")
            if error is None:
                raise
            raise error from exc
        except BaseException:
            self.lock.release()
            raise

    # -- batching -----------------------------------------------------------------------

    def _reset_batch(self) -> None:
        self._events: list[pa.Table] = []  # checked chunks' valid events, in arrival order
        self._rejected: list[_DeadLetter] = []
        # (kind, source, partition) -> [first, last]
        self._streams: dict[tuple[str, str, int | None], list[int]] = {}
        self._batch_read = 0
        self._batch_started = time.monotonic()
        self._ingested_at = datetime.now(UTC)

    @property
    def pending(self) -> int:
        return self._batch_read

    @property
    def batch_age(self) -> float:
        return time.monotonic() - self._batch_started

    def add(self, chunk: Chunk, checked: CheckedChunk | None = None) -> None:
        """A chunk of records; `checked` is its validation result if a `Checker` made it."""
        if not chunk.raws:
            return
        if self._batch_read == 0:
            self._batch_started = time.monotonic()
            self._ingested_at = datetime.now(UTC)
        if checked is None:
            checked = check_chunk(chunk, self.key, self._ingested_at)
        self._batch_read += len(chunk.raws)
        stream = chunk.origin[:3]
        span = self._streams.get(stream)
        if span is None:
            self._streams[stream] = [chunk.positions[0], chunk.positions[-1]]
        else:
            span[1] = chunk.positions[-1]
        if checked.events.num_rows:
            self._events.append(checked.events)
        for i, rejection in checked.rejections:
            self._reject(
                chunk.raws[i],
                chunk.coordinates(i),
                rejection,
                chunk.keys[i] if chunk.keys else None,
            )

    def _reject(
        self, raw: bytes | None, coords: Coordinates, rejection: Rejection, kafka_key: bytes | None
    ) -> None:
        raw = raw or b""  # a Kafka tombstone has no value
        # Whatever stores a rejected record masks every CPR-like number in it (events.md): the
        # reason may quote a value, the field may be a key that is a CPR number, and so on.
        reason = _storable(mask_cpr(rejection.describe(coords.label)))
        error_field = _storable(mask_cpr(rejection.field)) if rejection.field else None
        text, raw_base64 = stored_raw(raw)
        row = {
            "reason": reason,
            "error_code": rejection.code,
            "error_field": error_field,
            "event_id": _storable(mask_cpr(rejection.event_id)) if rejection.event_id else None,
            "raw": text,
            "raw_base64": raw_base64,
            **coords.columns,
        }
        message = None
        if self.dlq is not None:
            headers = [
                ("reason", reason.encode()),
                ("error_code", rejection.code.encode()),
                ("error_field", (error_field or "").encode()),
                ("ingest_run_id", self.run_id.encode()),
            ]
            headers += [
                (k, mask_cpr(str(v)).encode())
                for k, v in coords.columns.items()
                if k != "source_kind"
            ]
            key = mask_cpr_bytes(kafka_key) if kafka_key else kafka_key
            message = (key, mask_cpr_bytes(raw), headers)
        self._rejected.append(_DeadLetter(coords.stream, coords.position, row, message))
        log.debug("dead letter: %s", reason)

    # -- committing ---------------------------------------------------------------------

    def flush(self) -> dict[str, int]:
        """Commit the batch to the lake; returns {stream: last position} it covered."""
        if self._batch_read == 0:
            return {}
        events, hashes, duplicates = self._new_events()
        self._batch_seq += 1
        batch = batch_id(self._ingested_at, self.run_id, self._batch_seq)
        stamp: dict[str, Any] = {
            "ingested_at": self._ingested_at,
            "ingest_run_id": self.run_id,
            "ingest_batch_id": batch,
        }
        covered = {Coordinates(*s, 0).stream: span[1] for s, span in self._streams.items()}
        # A dead letter at or before the dead-letter table's position for its stream is stored
        # already: an earlier run committed it, then died before its bronze commit. It still
        # counts in this batch (whose bronze commit is the first to count it); it is not stored
        # or published again.
        stored = self.store.deadletter_positions(covered)
        fresh = [d for d in self._rejected if d.position > stored.get(d.stream, -1)]
        dead = deadletter_table([d.row for d in fresh], **stamp) if fresh else None
        dead_counts = Counter(d.row["error_code"] for d in self._rejected)
        record = {
            "run_id": self.run_id,
            "created_at": self._ingested_at.isoformat(),
            "streams": {Coordinates(*s, 0).stream: span for s, span in self._streams.items()},
            "counts": {
                "read": self._batch_read,
                "written": events.num_rows,
                "duplicates": duplicates,
                "dead_letters": dict(dead_counts),
            },
        }
        committed = self.store.commit(
            batch,
            bronze=stamp_ingestion(events, **stamp),
            deadletters=dead,
            positions=covered,
            deadletter_positions={s: max(v, stored.get(s, -1)) for s, v in covered.items()},
            record=record,
            before_commit_point=lambda: self._publish_dead_letters(fresh),
        )
        if events.num_rows:
            self.index.add(
                events.column("event_id").to_numpy(zero_copy_only=False), committed.files, hashes
            )
        self.counts.read += self._batch_read
        self.counts.written += events.num_rows
        self.counts.duplicates += duplicates
        self.counts.dead_letters.update(dead_counts)
        self.counts.batches += 1
        log.info(
            "batch %s committed: read %d, written %d, duplicates %d, dead letters %d",
            batch,
            self._batch_read,
            events.num_rows,
            duplicates,
            len(self._rejected),
        )
        if len(fresh) < len(self._rejected):
            log.info(
                "batch %s: %d of its dead letters were stored by an earlier run already",
                batch,
                len(self._rejected) - len(fresh),
            )
        self._reset_batch()
        self._write_run_record("running")
        return covered

    def _new_events(self) -> tuple[pa.Table, np.ndarray, int]:
        """The batch's events that bronze does not hold yet, each once, with the index's
        hashes of their ids; and how many were duplicates (of one in bronze, or of one earlier
        in the batch)."""
        events = pa.concat_tables(self._events) if self._events else CHECKED_SCHEMA.empty_table()
        if not events.num_rows:
            return events, np.empty(0, np.uint64), 0
        ids = pd.Index(events.column("event_id").to_numpy(zero_copy_only=False))
        hashes = self.index.hash(ids.to_numpy())
        keep = ~ids.duplicated(keep="first")
        known = self.index.known(ids[keep].to_numpy(), hashes[keep])
        if known:
            keep &= ~ids.isin(list(known))
        duplicates = len(ids) - int(np.count_nonzero(keep))
        if duplicates == 0:
            return events, hashes, 0
        return events.filter(pa.array(keep)), hashes[keep], duplicates

    def _publish_dead_letters(self, dead: list[_DeadLetter]) -> None:
        # before the dead letters are stored: a crash here re-sends them (at least once), never
        # loses them
        messages = [d.message for d in dead if d.message is not None]
        if self.dlq is None or self.dlq_topic is None or not messages:
            return
        for key, value, headers in messages:
            self.dlq.send(self.dlq_topic, value=value, key=key, headers=headers)
        self.dlq.flush()

    # -- the run record -----------------------------------------------------------------

    def _write_run_record(self, status: str, extra: dict[str, Any] | None = None) -> None:
        c = self.counts
        record = {
            "run_id": self.run_id,
            "status": status,
            "source": self.source,
            "started_at": self.started_at.isoformat(),
            "updated_at": datetime.now(UTC).isoformat(),
            "read": c.read,
            "written": c.written,
            "duplicates": c.duplicates,
            "dead_letters": c.dead_letters_total,
            "dead_letters_by_reason": dict(sorted(c.dead_letters.items())),
            "batches": c.batches,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            **(extra or {}),
        }
        path = self.settings.ingest_runs_dir / f"{self.run_id}.json"
        try:
            write_json_atomically(record, path)
        except OSError as exc:
            raise StorageError.from_os_error(
                exc, f"cannot write the record of ingest run {self.run_id} at {path}"
            ) from exc

    def _close_interrupted_runs(self) -> None:
        """Rewrite the record of a run that was killed from its batches' commits to bronze.

        A run record is rewritten after each batch, so a kill between a batch's commit point
        and that rewrite leaves it one batch short; bronze's commit history is the truth.
        """
        directory = self.settings.ingest_runs_dir
        if not directory.is_dir():
            return
        stale = []
        for path in directory.glob("*.json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("status") == "running" and not _still_running(record):
                stale.append(record)
        if not stale:
            return
        totals: dict[str, RunCounts] = {r["run_id"]: RunCounts() for r in stale}
        for batch in self.store.batches():
            counts = totals.get(str(batch.get("run_id")))
            if counts is not None:
                c = batch["counts"]
                counts.read += c["read"]
                counts.written += c["written"]
                counts.duplicates += c["duplicates"]
                counts.dead_letters.update(c["dead_letters"])
                counts.batches += 1
        for record in stale:
            c = totals[record["run_id"]]
            record.update(
                status="interrupted",
                read=c.read,
                written=c.written,
                duplicates=c.duplicates,
                dead_letters=c.dead_letters_total,
                dead_letters_by_reason=dict(sorted(c.dead_letters.items())),
                batches=c.batches,
            )
            write_json_atomically(record, directory / f"{record['run_id']}.json")
            log.info(
                "run %s was interrupted: its record now counts its %d committed batches",
                record["run_id"],
                c.batches,
            )

    def finish(self, status: str = "completed", extra: dict[str, Any] | None = None) -> RunCounts:
        """Write the run's final record and release the lake. A run that did not complete
        may fail to say so (its disk is full, say): bronze's commits still hold the truth, and
        the next run's record of it says "interrupted"; the error that stopped it is the news."""
        try:
            self._write_run_record(status, extra)
        except StorageError as exc:
            if status == "completed":
                raise
            log.warning("the record of run %s could not say it %s: %s", self.run_id, status, exc)
        finally:
            self.close()
        log.info("ingest run %s %s: %s", self.run_id, status, self.counts.summary())
        return self.counts

    def close(self) -> None:
        """Release the lake to the next ingest (done by `finish`)."""
        self.lock.release()


class _DeadLetter(NamedTuple):
    stream: str
    position: int
    row: dict[str, Any]  # the dead-letter table's columns, before the ingestion stamp
    message: tuple[bytes | None, bytes, list[tuple[str, bytes]]] | None  # for the DLQ topic


def _still_running(record: dict[str, Any]) -> bool:
    if record.get("host") != socket.gethostname() or "pid" not in record:
        return True  # another machine's run: not ours to judge
    try:
        os.kill(record["pid"], 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


class Progress:
    """A log line every few seconds: events/s and, for Kafka, the lag per partition."""

    def __init__(
        self,
        counts: Callable[[], int],
        lag: Callable[[], dict[tuple[str, int], int | None]] | None = None,
        every: float = 5.0,
    ) -> None:
        self._counts, self._lag, self._every = counts, lag, every
        self._t0 = self._last_t = time.monotonic()
        self._last_n = 0

    def tick(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_t < self._every:
            return
        n = self._counts()
        rate = (n - self._last_n) / max(now - self._last_t, 1e-9)
        line = f"progress: {n} records read, {rate:,.0f} events/s"
        if self._lag is not None:
            lags = self._lag()
            line += ", lag " + (
                " ".join(
                    f"{t}[{p}]={'?' if v is None else v}" for (t, p), v in sorted(lags.items())
                )
                or "(no partitions assigned)"
            )
        log.info(line)
        self._last_t, self._last_n = now, n
