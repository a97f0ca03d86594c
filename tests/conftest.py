"""Fixtures shared by the whole suite. Keep it small: most tests never need a JVM."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# pytest puts tests/ on sys.path for this file, and there tests/ingestion, tests/transformations…
# would be found as namespace packages in place of the real top-level packages (installed
# editable through an import hook, not a path entry). The project root on the path prevents it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole run, started only when a test asks for it."""
    from transformations.spark import get_spark

    session = get_spark("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def broker(tmp_path_factory):
    """One Apache Kafka broker (a KRaft node over TCP on loopback) for the whole run, started
    only when a test asks for it; tests keep apart by using topics and groups of their own."""
    from ingestion.local_broker import LocalBroker

    with LocalBroker(log_path=tmp_path_factory.mktemp("broker") / "kafka.log") as running:
        yield running
