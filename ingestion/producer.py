"""Publish JSON Lines of case events to Kafka, keyed by case so a case stays in one partition."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from ingestion.kafka_client import KafkaPythonProducer, Producer, ensure_topics
from trappe.core.settings import DLQ_SUFFIX

log = logging.getLogger(__name__)


def case_key(line: bytes) -> bytes | None:
    """The message key: the line's `case_id`, or None for a line that has none.

    Malformed lines are still published (with no key), so that ingestion dead-letters them
    with their coordinates instead of the producer dropping them unseen.
    """
    try:
        case_id = json.loads(line).get("case_id")
    except (ValueError, AttributeError, RecursionError):  # nested too deep for the parser
        return None
    return case_id.encode("utf-8") if isinstance(case_id, str) and case_id else None


def publish_lines(
    bootstrap: str, topic: str, lines: Iterable[bytes], *, producer: Producer | None = None
) -> int:
    """Send every non-blank line as one message; returns how many were acknowledged."""
    owned = producer is None
    if producer is None:
        ensure_topics(bootstrap, [topic, topic + DLQ_SUFFIX])
        producer = KafkaPythonProducer(bootstrap)
    sent = 0
    try:
        for line in lines:
            if isinstance(line, str):
                line = line.encode("utf-8")
            line = line.rstrip(b"\r\n")
            if not line.strip():
                continue
            producer.send(topic, value=line, key=case_key(line))
            sent += 1
        producer.flush()  # raises if any message was not acknowledged
    finally:
        if owned:
            producer.close()
    log.info("published %d messages to %s", sent, topic)
    return sent
