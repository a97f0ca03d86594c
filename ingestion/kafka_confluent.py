"""The seam's second client: confluent-kafka (librdkafka, in C), `pip install trappe[fast]`.

Same semantics as the kafka-python pair in `ingestion.kafka_client`: a group member with manual
commits only (the caller commits after the lake holds the batch), `read_committed`, and on every
assignment a seek to where the lake says each partition goes on; an idempotent producer for the
dead-letter topic. Chosen by `TRAPPE_KAFKA_CLIENT=confluent` or `trappe ingest --client confluent`.

librdkafka runs the rebalance callbacks inside `consume()` on the caller's thread, so unlike
kafka-python's network thread they may use the consumer; `before_revoke` still only writes out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

import confluent_kafka
from confluent_kafka import (
    OFFSET_INVALID,
    KafkaError,
    KafkaException,
    Message,
    TopicPartition,
)

from ingestion.kafka_client import (
    HEARTBEAT_INTERVAL_MS,
    SESSION_TIMEOUT_MS,
    CommitFailed,
    Positions,
    Record,
    site_config,
)
from trappe.core.errors import TrappeError

log = logging.getLogger(__name__)

# TRAPPE_KAFKA_CONFIG's keys are kafka-python's (ingestion.kafka_client.site_config): the same
# file serves both clients. A key with a dot is librdkafka's own and passes unchanged.
_LIBRDKAFKA_NAMES = {
    "security_protocol": "security.protocol",
    "sasl_mechanism": "sasl.mechanism",
    "sasl_plain_username": "sasl.username",
    "sasl_plain_password": "sasl.password",
    "sasl_kerberos_service_name": "sasl.kerberos.service.name",
    "ssl_cafile": "ssl.ca.location",
    "ssl_certfile": "ssl.certificate.location",
    "ssl_keyfile": "ssl.key.location",
    "ssl_password": "ssl.key.password",
    "ssl_crlfile": "ssl.crl.location",
    "client_id": "client.id",
}


def librdkafka_site_config() -> dict[str, Any]:
    """The site's client settings (TRAPPE_KAFKA_CONFIG) in librdkafka's names."""
    config: dict[str, Any] = {}
    for key, value in site_config().items():
        if "." in key:
            config[key] = value
        elif key == "ssl_check_hostname":
            config["ssl.endpoint.identification.algorithm"] = "https" if value else "none"
        elif key in _LIBRDKAFKA_NAMES:
            config[_LIBRDKAFKA_NAMES[key]] = value
        else:
            raise TrappeError(
                f"TRAPPE_KAFKA_CONFIG: setting {key!r} has no confluent-kafka equivalent "
                "known to trappe; give librdkafka's own name (with dots) instead"
            )
    return config


class ConfluentRecord:
    """A consumed message with the attributes of `ingestion.kafka_client.Record`."""

    __slots__ = ("key", "offset", "partition", "topic", "value")

    def __init__(self, message: Message) -> None:
        # a message without an error has its coordinates; a tombstone's value is None, as with
        # kafka-python (ingestion makes it a dead letter)
        self.topic: str = cast(str, message.topic())
        self.partition: int = cast(int, message.partition())
        self.offset: int = cast(int, message.offset())
        self.key: bytes | None = message.key()
        self.value: bytes = cast(bytes, message.value())


class ConfluentProducer:
    """An idempotent producer: acks from all in-sync replicas, retried, in order."""

    def __init__(self, bootstrap: str, *, linger_ms: int = 5, **overrides: Any) -> None:
        config: dict[str, Any] = {
            "bootstrap.servers": bootstrap,
            "acks": "all",
            "enable.idempotence": True,
            "linger.ms": linger_ms,
        }
        config.update(librdkafka_site_config())
        config.update(overrides)
        self._producer = confluent_kafka.Producer(config)
        self._failures: list[KafkaError] = []

    def _delivered(self, error: KafkaError | None, _message: object) -> None:
        if error is not None:
            self._failures.append(error)

    def send(
        self,
        topic: str,
        value: bytes,
        key: bytes | None = None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> None:
        while True:
            try:
                self._producer.produce(
                    topic,
                    value=value,
                    key=key,
                    headers=cast(list[tuple[str, str | bytes | None]] | None, headers or None),
                    on_delivery=self._delivered,
                )
                break
            except BufferError:  # the local queue is full: let deliveries drain it
                self._producer.poll(0.1)
        self._producer.poll(0)

    def flush(self) -> None:
        # librdkafka gives up on a message after message.timeout.ms: flush() always returns
        left = self._producer.flush()
        if self._failures or left:
            failures, self._failures = self._failures, []
            first = repr(failures[0]) if failures else f"{left} still queued"
            raise RuntimeError(
                f"{len(failures) + left} message(s) were not acknowledged by Kafka: {first}"
            )

    def close(self) -> None:
        self._producer.flush()


class ConfluentConsumer:
    """A group member with manual commits; see `ingestion.kafka_client.KafkaPythonConsumer`.

    `start_positions` is asked, whenever partitions are assigned, where to start reading them
    (partitions it leaves out start at the group's committed offset, or the earliest);
    `before_revoke` runs before partitions are taken away (or lost), so the caller can write
    out what it holds for them.
    """

    def __init__(
        self,
        bootstrap: str,
        topic: str,
        group: str,
        *,
        start_positions: Callable[[list[tuple[str, int]]], Positions],
        before_revoke: Callable[[], None] = lambda: None,
        **overrides: Any,
    ) -> None:
        config: dict[str, Any] = {
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "enable.auto.commit": False,
            "enable.auto.offset.store": False,
            "auto.offset.reset": "earliest",
            # records of an aborted producer transaction never reach bronze, and those of an
            # open one wait until it commits (librdkafka's default, said out loud)
            "isolation.level": "read_committed",
            "session.timeout.ms": SESSION_TIMEOUT_MS,
            "heartbeat.interval.ms": HEARTBEAT_INTERVAL_MS,
            "max.partition.fetch.bytes": 4 * 1024 * 1024,
            "fetch.max.bytes": 16 * 1024 * 1024,
        }
        config.update(librdkafka_site_config())
        config.update(overrides)
        self._consumer = consumer = confluent_kafka.Consumer(config)

        def on_assign(
            _consumer: confluent_kafka.Consumer, partitions: list[TopicPartition]
        ) -> None:
            keys = [(tp.topic, tp.partition) for tp in partitions]
            start = start_positions(keys)
            for tp in partitions:
                tp.offset = start.get((tp.topic, tp.partition), OFFSET_INVALID)
            consumer.assign(partitions)

        def on_revoke(
            _consumer: confluent_kafka.Consumer, partitions: list[TopicPartition]
        ) -> None:
            if partitions:
                before_revoke()
            consumer.unassign()

        consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke, on_lost=on_revoke)

    def poll(self, max_records: int, timeout_ms: int) -> list[Record]:
        messages = self._consumer.consume(max_records, timeout_ms / 1000)
        records: list[Record] = []
        for m in messages:
            error = m.error()
            if error is not None:
                if error.code() == KafkaError._PARTITION_EOF:
                    continue
                if error.fatal() or not error.retriable():
                    raise KafkaException(error)
                log.warning("kafka: %s", error.str())
                continue
            records.append(ConfluentRecord(m))
        return records

    def commit(self, positions: Positions) -> None:
        owned = set(self.assignment())
        offsets = [
            TopicPartition(t, p, offset) for (t, p), offset in positions.items() if (t, p) in owned
        ]
        if offsets:
            try:
                self._consumer.commit(offsets=offsets, asynchronous=False)
            except KafkaException as exc:
                raise CommitFailed(f"offset commit failed: {exc!r}") from exc

    def assignment(self) -> list[tuple[str, int]]:
        return sorted((tp.topic, tp.partition) for tp in self._consumer.assignment())

    def lag(self) -> dict[tuple[str, int], int | None]:
        """Messages behind the high watermark per assigned partition (None: not known yet).

        The high watermark is the one the last fetch response brought (no extra request)."""
        assigned = self._consumer.assignment()
        if not assigned:
            return {}
        result: dict[tuple[str, int], int | None] = {}
        for tp in self._consumer.position(assigned):
            _, high = self._consumer.get_watermark_offsets(tp, cached=True)
            known = high >= 0 and tp.offset >= 0
            result[(tp.topic, tp.partition)] = max(0, high - tp.offset) if known else None
        return result

    def close(self) -> None:
        self._consumer.close()
