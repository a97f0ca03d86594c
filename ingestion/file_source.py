"""JSON Lines file → bronze: the embedded default, no broker needed.

A file is identified by the SHA-256 of its content and a record by its line number, so
ingesting the same file again (under any name) resumes after the last committed line and
writes nothing twice; a file that was edited is a new file, whose events already in bronze are
then caught as duplicates by event_id.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from ingestion.bronze import Coordinates
from ingestion.checking import DEFAULT_WORKERS, Checker, Chunk
from ingestion.ingestor import LOCK_WAIT_SECONDS, Ingestor, Progress, RunCounts
from trappe.contract import mask_cpr
from trappe.core.settings import Settings

DEFAULT_BATCH_RECORDS = 50_000
CHUNK_LINES = 5_000
# A line is kept up to this length: one over the contract's 1 MiB is a dead letter whatever its
# length, and a line of gigabytes (a file without newlines) must not fill the memory.
MAX_KEPT_LINE_BYTES = 16 * 1024 * 1024
# below this a file is checked inline: forking workers costs more than it saves
WORKERS_FROM_BYTES = 4 * 1024 * 1024


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _lines(handle: BinaryIO) -> Iterator[bytes]:
    """The file's lines, each cut at MAX_KEPT_LINE_BYTES (the rest of a longer one skipped)."""
    readline = handle.readline
    while line := readline(MAX_KEPT_LINE_BYTES):
        if len(line) == MAX_KEPT_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _chunks(handle: BinaryIO, origin: Coordinates, resume_after: int, size: int) -> Iterator[Chunk]:
    """The file's records after line `resume_after`, `size` lines a chunk; blank lines are
    no records."""
    numbered = enumerate(_lines(handle), start=1)
    for _ in islice(numbered, resume_after):
        pass
    while True:
        lines = list(islice(numbered, size))
        if not lines:
            return
        records = [(n, line.rstrip(b"\r\n")) for n, line in lines if line.strip()]
        if records:
            yield Chunk(
                origin._replace(position=records[0][0]),
                [raw for _, raw in records],
                [n for n, _ in records],
            )


def ingest_file(
    settings: Settings,
    path: str | os.PathLike[str],
    *,
    batch_records: int = DEFAULT_BATCH_RECORDS,
    workers: int | None = None,
    run_id: str | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> tuple[str, RunCounts]:
    """`workers`: validation processes (0: inline; default: inline for a small file, else
    `DEFAULT_WORKERS`). `lock_wait`: how long to wait for another ingest into the same lake
    before refusing (`trappe.core.errors.LakeBusy`)."""
    path = Path(path)
    digest = file_digest(path)
    if workers is None:
        workers = DEFAULT_WORKERS if path.stat().st_size >= WORKERS_FROM_BYTES else 0
    # a file's name is whatever its producer chose: it reaches bronze, reasons and run records
    resolved, named = mask_cpr(str(path.resolve())), mask_cpr(str(path))
    ingestor = Ingestor(
        settings,
        run_id=run_id,
        lock_wait=lock_wait,
        source={"kind": "file", "path": resolved, "sha256": digest},
    )
    extra = {"resumed_after_line": 0}
    try:
        origin = Coordinates.file(digest, resolved, named, 0)
        # the last line of this content that bronze's commits cover, under whatever name
        resume_after = extra["resumed_after_line"] = ingestor.store.position(origin.stream) or 0
        progress = Progress(lambda: ingestor.counts.read + ingestor.pending)
        checker = Checker(ingestor.key, workers)

        def add_checked(wait_all: bool = False) -> None:
            for chunk, checked in checker.take(wait_all):
                ingestor.add(chunk, checked)
                if ingestor.pending >= batch_records:
                    ingestor.flush()
                    progress.tick()

        with checker, open(path, "rb") as handle:
            for chunk in _chunks(handle, origin, resume_after, min(CHUNK_LINES, batch_records)):
                checker.submit(chunk, datetime.now(UTC))
                add_checked()
            add_checked(wait_all=True)
        ingestor.flush()
        counts = ingestor.finish("completed", extra)
    except KeyboardInterrupt:
        # what was checked is valid work: keep it, the next run resumes after it
        try:
            ingestor.flush()
        finally:
            ingestor.finish("interrupted", extra)
        raise
    except BaseException:
        ingestor.finish("failed", extra)
        raise
    finally:
        ingestor.close()  # released by finish() already, unless finish itself failed
    return ingestor.run_id, counts
