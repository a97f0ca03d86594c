"""The seam between trappe and a Kafka client library: produce, poll a batch, commit.

Everything else in `ingestion` talks to `Producer` / `Consumer` below, never to a client library
directly: `make_producer` / `make_consumer` give kafka-python's pair (the default) or
confluent-kafka's (`ingestion.kafka_confluent`), as `Settings.kafka_client` says.

kafka-python 3.x supports the idempotent producer (`enable_idempotence`), which with
`acks=all` and retries gives at-most-one copy per send even when the broker connection drops.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from trappe.core.settings import Settings

log = logging.getLogger(__name__)

# Group membership: a dead member is noticed after 6 s instead of the 45 s default, so a
# restarted consumer rejoins within seconds (and the group join takes ~3 s, not ~23 s).
SESSION_TIMEOUT_MS = 6000
HEARTBEAT_INTERVAL_MS = 2000


class Record(Protocol):
    """A consumed message (kafka-python's ConsumerRecord has these attributes)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes


CONFIG_ENV = "TRAPPE_KAFKA_CONFIG"


def site_config() -> dict[str, Any]:
    """Client settings for a real cluster (TLS, SASL, ...) from the JSON file named by
    TRAPPE_KAFKA_CONFIG, e.g. {"security_protocol": "SASL_SSL", "sasl_mechanism": "PLAIN",
    "sasl_plain_username": "...", "ssl_cafile": "/etc/kafka/ca.pem"}; keys are kafka-python's."""
    path = Settings.from_env().kafka_config_file
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        config: dict[str, Any] = json.load(handle)
    return config


# (topic, partition) -> the next offset to read
Positions = dict[tuple[str, int], int]


class CommitFailed(RuntimeError):
    """The group did not take the offsets (a rebalance, a lost coordinator...)."""


class Producer(Protocol):
    def send(
        self,
        topic: str,
        value: bytes,
        key: bytes | None = None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> None: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


class Consumer(Protocol):
    def poll(self, max_records: int, timeout_ms: int) -> list[Record]: ...
    def commit(self, positions: Positions) -> None: ...
    def assignment(self) -> list[tuple[str, int]]: ...
    def lag(self) -> dict[tuple[str, int], int | None]: ...
    def close(self) -> None: ...


class KafkaPythonProducer:
    """An idempotent producer: acks from all in-sync replicas, retried, in order."""

    def __init__(self, bootstrap: str, *, linger_ms: int = 5, **overrides: Any) -> None:
        from kafka import KafkaProducer

        config = {
            "bootstrap_servers": bootstrap,
            "acks": "all",
            "enable_idempotence": True,
            "retries": 2**31 - 1,  # bounded by delivery_timeout_ms, as in the Java client
            # kafka-python keeps order with idempotence for up to 5 in-flight requests
            "max_in_flight_requests_per_connection": 5,
            "linger_ms": linger_ms,
            "batch_size": 256 * 1024,
        }
        config.update(site_config())
        config.update(overrides)
        self._producer = KafkaProducer(**config)
        self._failures: list[BaseException] = []

    def send(
        self,
        topic: str,
        value: bytes,
        key: bytes | None = None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> None:
        future = self._producer.send(topic, value=value, key=key, headers=headers or None)
        future.add_errback(self._failures.append)

    def flush(self) -> None:
        self._producer.flush()
        if self._failures:
            first = self._failures[0]
            count = len(self._failures)
            self._failures.clear()
            raise RuntimeError(f"{count} message(s) were not acknowledged by Kafka: {first!r}")

    def close(self) -> None:
        self._producer.close()


class KafkaPythonConsumer:
    """A group member with manual commits.

    `start_positions` is asked, whenever partitions are assigned, where to start reading them
    (partitions it leaves out start at the group's committed offset); `before_revoke` runs
    before partitions are taken away, so the caller can write out what it holds for them.
    kafka-python 3 runs both on its network thread: they may do local work (disk) but must not
    call the consumer's blocking API (commit, committed, ...).
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
        from kafka import ConsumerRebalanceListener, KafkaConsumer, TopicPartition

        config = {
            "bootstrap_servers": bootstrap,
            "group_id": group,
            "enable_auto_commit": False,
            "auto_offset_reset": "earliest",
            # records of an aborted producer transaction never reach bronze, and those of an
            # open one wait until it commits
            "isolation_level": "read_committed",
            "session_timeout_ms": SESSION_TIMEOUT_MS,
            "heartbeat_interval_ms": HEARTBEAT_INTERVAL_MS,
            "max_partition_fetch_bytes": 4 * 1024 * 1024,
            "fetch_max_bytes": 16 * 1024 * 1024,
        }
        config.update(site_config())
        config.update(overrides)
        self._consumer = consumer = KafkaConsumer(**config)

        # kafka-python has no type information: its listener base class is Any to mypy
        class Listener(ConsumerRebalanceListener):  # type: ignore[misc]
            def on_partitions_revoked(self, revoked: set[Any]) -> None:
                if revoked:
                    before_revoke()

            def on_partitions_assigned(self, assigned: set[Any]) -> None:
                keys = [(tp.topic, tp.partition) for tp in assigned]
                for (t, p), offset in start_positions(keys).items():
                    consumer.seek(TopicPartition(t, p), offset)

        consumer.subscribe([topic], listener=Listener())

    def poll(self, max_records: int, timeout_ms: int) -> list[Record]:
        batches = self._consumer.poll(timeout_ms=timeout_ms, max_records=max_records)
        if len(batches) == 1:
            return next(iter(batches.values()))
        return [m for messages in batches.values() for m in messages]

    def commit(self, positions: Positions) -> None:
        from kafka import TopicPartition
        from kafka.errors import KafkaError
        from kafka.structs import OffsetAndMetadata

        owned = set(self.assignment())
        positions = {k: v for k, v in positions.items() if k in owned}
        if positions:
            try:
                self._consumer.commit(
                    {
                        TopicPartition(t, p): OffsetAndMetadata(offset, "", -1)
                        for (t, p), offset in positions.items()
                    }
                )
            except KafkaError as exc:
                raise CommitFailed(f"offset commit failed: {exc!r}") from exc

    def assignment(self) -> list[tuple[str, int]]:
        return sorted((tp.topic, tp.partition) for tp in self._consumer.assignment())

    def lag(self) -> dict[tuple[str, int], int | None]:
        """Messages behind the high watermark per assigned partition (None: not known yet).

        The high watermark comes with every fetch response, which is exact and costs no extra
        request (some Kafka-protocol brokers answer ListOffsets(latest) with a stale value).
        """
        result: dict[tuple[str, int], int | None] = {}
        for tp in self._consumer.assignment():
            high = self._consumer.highwater(tp)
            try:
                position = self._consumer.position(tp)
            except Exception:
                position = None
            result[(tp.topic, tp.partition)] = (
                None if high is None or position is None else max(0, high - position)
            )
        return result

    def close(self) -> None:
        self._consumer.close(autocommit=False)


# The clients behind the seam (Settings.kafka_client, TRAPPE_KAFKA_CLIENT, `--client`).
# kafka-python is the default; confluent-kafka (librdkafka) comes with `pip install trappe[fast]`.
CLIENTS = ("kafka-python", "confluent")


def check_client(client: str) -> str:
    """`client` when it names a client that can run here; a one-line TrappeError when not."""
    from trappe.core.errors import TrappeError

    if client not in CLIENTS:
        raise TrappeError(
            f"Kafka client {client!r} is unknown (TRAPPE_KAFKA_CLIENT or --client): "
            f"choose {' or '.join(CLIENTS)}"
        )
    if client == "confluent":
        try:
            import confluent_kafka  # noqa: F401
        except ImportError:
            raise TrappeError(
                "the confluent Kafka client needs confluent-kafka: pip install 'trappe[fast]'"
            ) from None
    return client


def make_producer(client: str, bootstrap: str) -> Producer:
    if check_client(client) == "confluent":
        from ingestion.kafka_confluent import ConfluentProducer

        return ConfluentProducer(bootstrap)
    return KafkaPythonProducer(bootstrap)


def make_consumer(
    client: str,
    bootstrap: str,
    topic: str,
    group: str,
    *,
    start_positions: Callable[[list[tuple[str, int]]], Positions],
    before_revoke: Callable[[], None] = lambda: None,
    max_poll_records: int = 500,
) -> Consumer:
    """A group member with manual commits of the chosen client (the same semantics either way)."""
    if check_client(client) == "confluent":
        from ingestion.kafka_confluent import ConfluentConsumer

        # librdkafka has no max.poll.records: `poll(max_records)` bounds each call instead
        return ConfluentConsumer(
            bootstrap, topic, group, start_positions=start_positions, before_revoke=before_revoke
        )
    return KafkaPythonConsumer(
        bootstrap,
        topic,
        group,
        start_positions=start_positions,
        before_revoke=before_revoke,
        max_poll_records=max_poll_records,
    )


def ensure_topics(bootstrap: str, topics: Iterable[str], partitions: int = 3) -> None:
    """Create the topics that do not exist yet (the replication factor of a single broker)."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import TopicAlreadyExistsError

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, **site_config())
    try:
        existing = set(admin.list_topics())
        missing = [NewTopic(t, partitions, 1) for t in topics if t not in existing]
        if missing:
            # another process may create one meanwhile: that is what we wanted
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics(missing)
    finally:
        admin.close()
