"""Fixtures shared by the whole suite. Keep it small: most tests never need a JVM."""

from __future__ import annotations

import pytest

# tests/ is a package (tests/__init__.py), so pytest puts the project root on sys.path, not
# tests/: tests/ingestion can never stand in for the real ingestion package, and the shared
# helpers are imported as tests.support.<module>.


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
