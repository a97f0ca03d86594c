"""Scale: the national scenario streams a million events in bounded memory (slow; not in CI)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_a_million_events_stream_in_bounded_memory(tmp_path):
    out = tmp_path / "national.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trappe.app.cli",
            "simulate",
            "--scenario",
            "national",
            "--events",
            "1000000",
            "--years",
            "2020-2024",
            "--out",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ,
    )
    assert result.returncode == 0, result.stderr
    with open(out, "rb") as f:
        lines = sum(1 for _ in f)
    assert lines == pytest.approx(1_000_000, rel=0.1)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mib < 600  # open cases and unsent events only, not the stream
