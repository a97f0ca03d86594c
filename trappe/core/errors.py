"""Errors a user can cause or meet, each with a one-line message naming what and where.

The command line prints such an error as one line and exits non-zero; only `--debug` shows
the traceback. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno


class TrappeError(Exception):
    """A failure the user can act on: its message is one line naming what and where."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()) if "\n" not in message else message)


class ConfigurationError(TrappeError):
    """A setting is missing or wrong (a key, a path, a URL)."""

    exit_code = 2


class LakeBusy(TrappeError):
    """Another process holds the lake's lock for the same kind of work."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class StorageError(TrappeError):
    """The lake cannot be written: the disk is full, it is read-only, access is denied."""

    exit_code = 74  # EX_IOERR

    @classmethod
    def from_os_error(cls, exc: OSError, doing: str) -> StorageError:
        """`doing` names what and where ("cannot commit batch B to the lake at /x"); the OS's
        error says why, in words a user can act on."""
        why = _WHY.get(exc.errno or 0) or exc.strerror or str(exc)
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return cls(f"{doing}: {why}{where}")


_WHY = {
    errno.ENOSPC: "the disk is full (no space left on device)",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
}
