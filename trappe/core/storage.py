"""Writing files all or nothing: the one way trappe's modules replace a file in the lake.

A file is written under a temporary name beside its target, flushed to disk, renamed over the
target (atomic on POSIX) and the directory entry synced, so a reader or a crash sees the old
file or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` survive a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_file(
    path: Path, mode: str = "wb", *, permissions: int = 0o644, encoding: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file that replaces `path` when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; the lake's readers (dashboards, dbt) need to read it
        os.chmod(tmp, permissions)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_json_atomically(obj: Any, path: Path) -> None:
    with atomic_file(path, "w", encoding="utf-8") as handle:
        json.dump(obj, handle, indent=1, sort_keys=True, default=str)
        handle.write("\n")
