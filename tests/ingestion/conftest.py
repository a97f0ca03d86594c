"""A real Kafka-protocol broker (Tansu over TCP) for the whole session, and a fresh lake per test."""
from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from ingestion.kafka_client import ensure_topics
from ingestion.local_broker import LocalBroker
from trappe.config import Settings

_topics = itertools.count()


@pytest.fixture(autouse=True)
def demo_key(monkeypatch):
    monkeypatch.setenv("TRAPPE_DEMO", "1")
    monkeypatch.delenv("TRAPPE_PSEUDONYM_KEY", raising=False)


@pytest.fixture(scope="session")
def broker(tmp_path_factory):
    with LocalBroker(log_path=tmp_path_factory.mktemp("broker") / "tansu.log") as running:
        yield running


@pytest.fixture
def topic(broker) -> str:
    """A topic of its own per test (3 partitions, plus its DLQ), so tests never share offsets."""
    name = f"case-events-t{os.getpid()}-{next(_topics)}"
    ensure_topics(broker.bootstrap, [name, name + ".dlq"], partitions=3)
    return name


@pytest.fixture
def lake(tmp_path) -> Settings:
    return Settings(home=Path(tmp_path) / "lake")
