"""The `trappe` command line as a user runs it, for tests that run it in a process of its own."""

from __future__ import annotations

import sys
from pathlib import Path


def trappe_argv(*args: str) -> list[str]:
    """`trappe ARGS…` with this interpreter (the checkout's packages, whatever is installed)."""
    return [sys.executable, "-m", "trappe.app.cli", *args]


def ingest_from_topic(bootstrap: str, topic: str, home: Path, *options: str) -> list[str]:
    """`trappe ingest` from `topic` (the consumer group named after it) into the lake `home`."""
    return trappe_argv(
        "ingest", "--kafka", bootstrap, "--topic", topic, "--group", topic, "--home", str(home),
        *options,
    )  # fmt: skip
