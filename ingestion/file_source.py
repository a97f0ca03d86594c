"""JSON Lines file → bronze: the embedded default, no broker needed.

A file is identified by the SHA-256 of its content and a record by its line number, so
ingesting the same file again (under any name) resumes after the last committed line and
writes nothing twice; a file that was edited is a new file, whose events already in bronze are
then caught as duplicates by event_id.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ingestion.ingestor import Coordinates, Ingestor, Progress, RunCounts
from trappe.config import Settings

DEFAULT_BATCH_RECORDS = 50_000


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ingest_file(settings: Settings, path: str | os.PathLike, *,
                batch_records: int = DEFAULT_BATCH_RECORDS,
                run_id: str | None = None) -> tuple[str, RunCounts]:
    path = Path(path)
    digest = file_digest(path)
    ingestor = Ingestor(settings, run_id=run_id,
                        source={"kind": "file", "path": str(path.resolve()), "sha256": digest})
    stream = f"file:{digest}"
    resume_after = ingestor.store.positions().get(stream, 0)
    absolute, name = str(path.resolve()), str(path)
    progress = Progress(lambda: ingestor.counts.read + ingestor.pending)
    try:
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if number <= resume_after:
                    continue
                line = line.rstrip(b"\r\n")
                if not line.strip():
                    continue  # a blank line is no record
                ingestor.add(line, Coordinates.file(digest, absolute, name, number))
                if ingestor.pending >= batch_records:
                    ingestor.flush()
                    progress.tick()
        ingestor.flush()
    except KeyboardInterrupt:
        ingestor.flush()  # what was read is valid work: keep it, the next run resumes after it
        ingestor.finish("interrupted", {"resumed_after_line": resume_after})
        raise
    except BaseException:
        ingestor.finish("failed", {"resumed_after_line": resume_after})
        raise
    return ingestor.run_id, ingestor.finish("completed", {"resumed_after_line": resume_after})
