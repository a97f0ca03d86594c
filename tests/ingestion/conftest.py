"""A topic of its own on the session's Apache Kafka broker (tests/conftest.py), and a fresh lake
per test."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from ingestion.kafka_client import ensure_topics
from trappe.core.settings import Settings

_topics = itertools.count()


@pytest.fixture(autouse=True)
def demo_key(monkeypatch):
    monkeypatch.setenv("TRAPPE_DEMO", "1")
    monkeypatch.delenv("TRAPPE_PSEUDONYM_KEY", raising=False)


@pytest.fixture
def topic(broker) -> str:
    """A topic of its own per test (3 partitions, plus its DLQ), so tests never share offsets."""
    name = f"case-events-t{os.getpid()}-{next(_topics)}"
    ensure_topics(broker.bootstrap, [name, name + ".dlq"], partitions=3)
    return name


@pytest.fixture
def lake(tmp_path) -> Settings:
    return Settings(home=Path(tmp_path) / "lake", demo=True)
