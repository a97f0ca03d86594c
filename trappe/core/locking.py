"""Who may write to a lake at the same time: an OS file lock in the lake.

`fcntl.flock` on a lock file: the kernel releases it when its holder exits, however it exits
(SIGKILL, a crash, a power cut), so a dead holder never blocks the next run and there is no
stale-lock cleanup to get wrong. A holder writes who it is (pid, host, since when) into the file,
so that a refusal can name it. Exclusive holders exclude everyone; shared holders (the members
of one Kafka consumer group, whose partitions never overlap) exclude only exclusive ones.
flock is per machine: a lake shared over NFS between hosts is not covered.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from trappe.core.errors import LakeBusy, StorageError

POLL_SECONDS = 0.2


class LakeLock:
    """`LakeLock(path, "ingest from file", wait_seconds=10).acquire()` ... `.release()`.

    `acquire` waits up to `wait_seconds` for the holders to finish, then raises `LakeBusy`
    naming one of them. The lock belongs to an open file description: processes forked while it
    is held share it, and it is released by `release()` or when the last of them exits.
    """

    def __init__(
        self, path: Path, what: str, *, wait_seconds: float = 0.0, tag: dict[str, Any] | None = None
    ) -> None:
        """`tag`: what shared holders must agree on (written into the file with who holds it;
        `previous` is what the last holder wrote, read before this one overwrites it)."""
        self.path, self.what, self.wait_seconds, self.tag = Path(path), what, wait_seconds, tag
        self._handle: IO[str] | None = None
        self.shared = False
        self.previous: dict[str, Any] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, *, shared: bool = False) -> LakeLock:
        self._try(shared, self.wait_seconds, raise_busy=True)
        return self

    def try_acquire(self, *, shared: bool = False) -> bool:
        """Take the lock if no one holds it in a conflicting way; never waits."""
        return self._try(shared, 0.0, raise_busy=False)

    def downgrade(self) -> None:
        """Exclusive to shared. Not atomic (flock drops, then takes): an exclusive claimant may
        slip in between, and then this waits for it like `acquire`."""
        self.release()
        self.acquire(shared=True)

    def _try(self, shared: bool, wait_seconds: float, *, raise_busy: bool) -> bool:
        assert self._handle is None, "already held"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # "a+": never truncate what the current holder wrote before the lock is ours
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held till release
        except OSError as exc:
            raise StorageError.from_os_error(
                exc, f"cannot lock the lake at {self.path.parent} for an {self.what}"
            ) from exc
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(POLL_SECONDS)
                    continue
                holder = _describe(handle)
                handle.close()
                if not raise_busy:
                    return False
                waited = f" (waited {wait_seconds:g} s)" if wait_seconds else ""
                raise LakeBusy(
                    f"cannot {self.what} into the lake at {self.path.parent}: another process "
                    f"is writing to it, {holder}{waited}; run again when it has finished"
                ) from None
        self._handle, self.shared = handle, shared
        self.previous = _holder(handle)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(
                json.dumps(
                    {
                        "what": self.what,
                        "pid": os.getpid(),
                        "host": socket.gethostname(),
                        "since": datetime.now(UTC).isoformat(timespec="seconds"),
                        "tag": self.tag,
                    }
                )
                + "\n"
            )
            handle.flush()
        except OSError:
            pass  # who holds it is a courtesy to the next one; the lock itself is held
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            try:
                # explicitly: forked children share the lock and might outlive this close
                fcntl.flock(handle, fcntl.LOCK_UN)
            finally:
                handle.close()

    def __enter__(self) -> LakeLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _holder(handle: IO[str]) -> dict[str, Any] | None:
    handle.seek(0)
    try:
        holder = json.loads(handle.read().splitlines()[0])
    except (ValueError, IndexError):
        return None
    return holder if isinstance(holder, dict) else None


def describe(holder: dict[str, Any] | None) -> str:
    """A holder as it wrote itself into the lock file: "an ingest from file, pid 12 on host h
    since 2026-…"."""
    if not holder or not {"what", "pid", "host", "since"} <= holder.keys():
        return "which has not said who it is"
    return (
        f"an {holder['what']}, pid {holder['pid']} on host {holder['host']} since {holder['since']}"
    )


def _describe(handle: IO[str]) -> str:
    holder = None
    for _ in range(3):  # it may be writing this very moment
        if (holder := _holder(handle)) is not None:
            break
        time.sleep(0.05)
    return describe(holder)
