"""Writing batches into the lake's Delta tables so that a crash at any instant neither loses nor
repeats one.

Bronze (`settings.bronze_dir`) and the dead letters (`settings.deadletter_dir`) are Delta tables
partitioned by ingestion day (`trappe.core.lakehouse`). A batch is committed in three steps:

1. (Kafka) its dead letters are published to the DLQ topic and acknowledged: at least once;
2. its dead letters are appended to the dead-letter table, in one Delta commit that also sets
   an application transaction per stream of the batch (`kafka:<topic>:<partition>` or
   `file:<sha256>`) to the last position the table's dead letters now cover. A dead letter at
   or before that position is there already: a run that reads it again after a crash between
   this step and the next leaves it out (`Ingestor.flush`), so none is stored twice;
3. its valid events are appended to bronze, in one Delta commit that also sets an application
   transaction per stream to the last position the batch covers, and carries the batch's
   record (run, batch, counts, spans) as the commit's `userMetadata`: **the commit point**. A
   batch without a new event (only duplicates or dead letters) commits too, with no row.

Delta makes each commit atomic: a reader sees all of a batch or nothing of it, and a file a
killed write left behind belongs to no version (vacuum removes it). Bronze's transaction
versions are where every source resumes (`position`), whatever a Kafka consumer group
committed; bronze's commit history is the truth for what each run wrote (`batches`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from deltalake import (
    ColumnProperties,
    CommitProperties,
    DeltaTable,
    Transaction,
    WriterProperties,
    write_deltalake,
)
from deltalake.exceptions import DeltaError

from ingestion.bronze import DEADLETTER_SCHEMA
from trappe.contract.lake import BRONZE_TABLE_SCHEMA
from trappe.core.errors import StorageError
from trappe.core.lakehouse import BRONZE_PARTITION, BRONZE_TABLE_CONFIG, data_files, open_table
from trappe.core.settings import Settings

log = logging.getLogger("trappe.ingest")

# The members of one consumer group append to the same tables at once: each append that loses
# a race is checked against the winner (appends of different streams never conflict) and
# retried, once per commit it lost to. Fifty covers a group of as many members.
MAX_COMMIT_RETRIES = 50
# what bronze's commits carry in `userMetadata` (shown by Spark's DESCRIBE HISTORY too)
BATCH_KIND = "trappe.ingest_batch"

# Values unique by nature (an event's id, a record's place in its source and batch) or nearly
# so (payloads, rejected records): a dictionary never pays off for them, and the writer's try
# at one cost a fifth of a batch's write; it falls back to plain values anyway.
_PLAIN_COLUMNS = ("event_id", "payload_json", "raw", "source_offset", "source_line", "ingest_row")
_WRITER = WriterProperties(
    compression="ZSTD",
    column_properties={c: ColumnProperties(dictionary_enabled=False) for c in _PLAIN_COLUMNS},
)
_OS_ERROR = re.compile(r"\(os error (\d+)\)|Os \{ code: (\d+)")


def _os_error(exc: DeltaError) -> OSError | None:
    """The operating system's error inside a delta-rs error, when the OS refused a write."""
    match = _OS_ERROR.search(str(exc))
    if match is None:
        return None
    code = int(match.group(1) or match.group(2))
    return OSError(code, os.strerror(code))


@contextlib.contextmanager
def _native_stderr_kept_from_user() -> Iterator[None]:
    """Hold back what delta-rs' native threads print while it writes.

    When the OS refuses a write (a full disk, a read-only lake), delta-rs raises an error and
    one of its threads also prints a Rust panic with a backtrace note to the process's stderr:
    the user must see one line, not that. Whatever else was printed meanwhile (our own log
    lines) is printed as usual afterwards.
    """
    if not hasattr(os, "memfd_create"):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    held = os.memfd_create("trappe-delta-stderr")
    os.dup2(held, 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.lseek(held, 0, os.SEEK_SET)
        with os.fdopen(held, "rb") as captured:
            text = captured.read().decode("utf-8", "replace")
        kept, native = _split_native_panics(text)
        if native:
            log.debug("delta-rs: %s", native.strip())
        if kept:
            sys.stderr.write(kept)
            sys.stderr.flush()


def _split_native_panics(text: str) -> tuple[str, str]:
    """(what to print, the native panic reports) of what was printed to stderr."""
    kept, native = [], []
    in_panic = False
    for line in text.splitlines(keepends=True):
        if line.startswith("thread '"):  # "thread 'tokio-rt-worker' (123) panicked at …"
            in_panic = True
        if in_panic:
            native.append(line)
            if line.startswith("note: "):
                in_panic = False
        elif line.strip():
            kept.append(line)
    return "".join(kept), "".join(native)


def storage_error(exc: DeltaError | OSError, doing: str) -> StorageError | None:
    refused = exc if isinstance(exc, OSError) else _os_error(exc)
    return None if refused is None else StorageError.from_os_error(refused, doing)


@dataclass(frozen=True)
class Committed:
    """A batch's bronze commit: the table version and the data files it added."""

    version: int
    files: list[str]


class LakeStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.home
        self.bronze_path = settings.bronze_dir
        self.deadletter_path = settings.deadletter_dir
        self._bronze: DeltaTable | None = None
        self._deadletters: DeltaTable | None = None
        self._bronze_files: set[str] | None = None

    # -- reading --------------------------------------------------------------------------

    def bronze(self) -> DeltaTable | None:
        """Bronze at its newest version, or None before the first batch."""
        if self._bronze is None:
            self._bronze = open_table(self.bronze_path)
        else:
            self._bronze.update_incremental()
        return self._bronze

    def _deadletter_table(self) -> DeltaTable | None:
        if self._deadletters is None:
            self._deadletters = open_table(self.deadletter_path)
        else:
            self._deadletters.update_incremental()
        return self._deadletters

    def positions(self, streams: Iterable[str]) -> dict[str, int]:
        """The last position of each of `streams` committed to bronze (absent: none yet).
        Read from the table each time: another member of a consumer group may have written
        it meanwhile."""
        table = open_table(self.bronze_path)
        if table is None:
            return {}
        found = {stream: table.transaction_version(stream) for stream in streams}
        return {stream: v for stream, v in found.items() if v is not None}

    def position(self, stream: str) -> int | None:
        return self.positions([stream]).get(stream)

    def deadletter_positions(self, streams: Iterable[str]) -> dict[str, int]:
        """Per stream, the last position up to which the dead-letter table holds every dead
        letter (absent: none yet)."""
        table = self._deadletter_table()
        if table is None:
            return {}
        found = {stream: table.transaction_version(stream) for stream in streams}
        return {stream: v for stream, v in found.items() if v is not None}

    def batches(self) -> list[dict[str, Any]]:
        """The record of every batch committed to bronze, oldest first (with its `version`)."""
        table = open_table(self.bronze_path)
        if table is None:
            return []
        found = []
        for commit in table.history():
            batch = batch_record(commit)
            if batch is not None:
                found.append({**batch, "version": commit["version"]})
        return sorted(found, key=lambda b: b["version"])

    # -- writing --------------------------------------------------------------------------

    def commit(
        self,
        batch_id: str,
        *,
        bronze: pa.Table,
        deadletters: pa.Table | None,
        positions: Mapping[str, int],
        deadletter_positions: Mapping[str, int],
        record: Mapping[str, Any],
        before_commit_point: Callable[[], None] = lambda: None,
    ) -> Committed:
        """(hook), append the dead letters, append bronze: the commit point.

        `positions`: the last position of each stream the batch covers; `deadletter_positions`:
        what the dead-letter table's transactions become. A write the OS refuses (disk full,
        read-only, permission) is a `StorageError` saying whether the batch was committed.
        """
        before_commit_point()
        not_committed = (
            f"cannot commit batch {batch_id} to the lake at {self.home} (not committed: "
            "the next run reads its records again)"
        )
        try:
            if deadletters is not None and deadletters.num_rows:
                self._append(
                    self.deadletter_path,
                    DEADLETTER_SCHEMA,
                    deadletters,
                    deadletter_positions,
                    metadata=None,
                )
            table = self._append(
                self.bronze_path,
                BRONZE_TABLE_SCHEMA,
                bronze,
                positions,
                metadata={**record, "kind": BATCH_KIND, "batch_id": batch_id},
            )
        except (DeltaError, OSError) as exc:
            if self._holds(positions):
                # the commit is durable; what failed came after it (a checkpoint, say)
                log.warning(
                    "batch %s is committed to the lake at %s, but delta-rs failed after the "
                    "commit: %s",
                    batch_id,
                    self.home,
                    str(exc).splitlines()[0],
                )
                committed = self.bronze()
                assert committed is not None
                return Committed(committed.version(), self._new_files(committed))
            else:
                error = storage_error(exc, not_committed)
                if error is None:
                    raise
                raise error from exc
        return Committed(table.version(), self._new_files(table))

    def _holds(self, positions: Mapping[str, int]) -> bool:
        try:
            table = open_table(self.bronze_path)
            if table is None:
                return False
            done = {stream: table.transaction_version(stream) for stream in positions}
            return all(v is not None and v >= positions[s] for s, v in done.items())
        except (DeltaError, OSError):
            return False

    def _append(
        self,
        path: Path,
        schema: pa.Schema,
        rows: pa.Table,
        positions: Mapping[str, int],
        metadata: Mapping[str, Any] | None,
    ) -> DeltaTable:
        table = self._open_or_create(path, schema)
        properties = CommitProperties(
            app_transactions=[Transaction(app_id=s, version=v) for s, v in positions.items()],
            custom_metadata=(
                None if metadata is None else {"userMetadata": json.dumps(metadata, sort_keys=True)}
            ),
            max_commit_retries=MAX_COMMIT_RETRIES,
        )
        with _native_stderr_kept_from_user():
            write_deltalake(
                table,
                rows if rows.schema.equals(schema) else rows.select(schema.names).cast(schema),
                mode="append",
                writer_properties=_WRITER,
                commit_properties=properties,
            )
        return table

    def _open_or_create(self, path: Path, schema: pa.Schema) -> DeltaTable:
        bronze = path == self.bronze_path
        table = self.bronze() if bronze else self._deadletter_table()
        if table is not None:
            return table
        with _native_stderr_kept_from_user():
            try:
                DeltaTable.create(
                    str(path),
                    schema,
                    mode="ignore",
                    partition_by=[BRONZE_PARTITION],
                    configuration=BRONZE_TABLE_CONFIG if bronze else None,
                    commit_properties=CommitProperties(max_commit_retries=MAX_COMMIT_RETRIES),
                )
            except DeltaError:
                if not DeltaTable.is_deltatable(str(path)):
                    raise  # not a race with another member of the group creating it
        table = self.bronze() if bronze else self._deadletter_table()
        if table is None:
            raise OSError(errno.EIO, f"{path}: no Delta table after creating it")
        return table

    def _new_files(self, table: DeltaTable) -> list[str]:
        """Bronze's data files that were not in it at the previous commit (the batch's, and
        any another member of the group committed meanwhile)."""
        files = set(data_files(table))
        known = self._bronze_files
        self._bronze_files = files
        return sorted(files if known is None else files - known)

    def bronze_files_seen(self, files: list[str]) -> None:
        """Bronze's data files as the event-id index was built from them."""
        self._bronze_files = set(files)


def batch_record(commit: Mapping[str, Any]) -> dict[str, Any] | None:
    """The batch record a bronze commit carries, or None (creation, compaction, vacuum)."""
    text = commit.get("userMetadata")
    if not isinstance(text, str):
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return None
    return record if isinstance(record, dict) and record.get("kind") == BATCH_KIND else None
