"""Errors a user can cause or meet, each with a one-line message naming what and where.

The command line prints such an error as one line and exits non-zero; only `--debug` shows
the traceback. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations


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
