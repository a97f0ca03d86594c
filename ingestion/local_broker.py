"""A local Apache Kafka broker (one KRaft node, broker and controller) for development and tests.

    with LocalBroker() as broker:          # free loopback ports, a temporary log directory
        publish_lines(broker.bootstrap, "case-events", lines)

    python -m ingestion.local_broker start [--port 9092]   # detached; state in a pid/port file
    python -m ingestion.local_broker status
    python -m ingestion.local_broker stop

It runs Apache Kafka itself (`kafka.Kafka`) on Java 17 from the jars that `make jars` fetches
with Maven (infra/kafka/pom.xml) into infra/.jars/kafka/; TRAPPE_KAFKA_JARS names another
folder of jars, JAVA_HOME another Java. The log directory is formatted with Kafka's own
storage tool before the first start. A `LocalBroker` deletes its temporary log directory when
it stops (tests want a broker that forgets); the detached broker keeps its topics in
$TRAPPE_BROKER_DATA until `stop`.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import IO, Any

from trappe.core.errors import TrappeError
from trappe.core.services import free_port, pid_alive, read_state, terminate

REPO = Path(__file__).resolve().parents[1]
JARS_DIR = Path(os.environ.get("TRAPPE_KAFKA_JARS", REPO / "infra" / ".jars" / "kafka"))
STATE_FILE = Path(
    os.environ.get(
        "TRAPPE_BROKER_STATE", Path(tempfile.gettempdir()) / f"trappe-broker-{os.getuid()}.json"
    )
)
DATA_DIR = Path(
    os.environ.get(
        "TRAPPE_BROKER_DATA", Path(tempfile.gettempdir()) / f"trappe-broker-{os.getuid()}"
    )
)
NODE_ID = 1

# A one-node cluster: every internal topic has one replica; few partitions, so the first
# consumer group or transaction does not wait for 50 partitions to be created.
SERVER_PROPERTIES = """\
process.roles=broker,controller
node.id={node_id}
controller.quorum.voters={node_id}@127.0.0.1:{controller_port}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs={log_dir}
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# room for records past the contract's 1 MiB bound and the consumer's 4 MiB fetch size, so the
# tests can show that such a record becomes a dead letter (Kafka's default is 1 MB)
message.max.bytes=16777216
num.network.threads=2
num.io.threads=4
background.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
"""

# Kafka logs through log4j 2: warnings, plus the start and stop lines, to the log file
LOG4J2_PROPERTIES = """\
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = OUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
logger.kafka.name = kafka.Kafka
logger.kafka.level = INFO
"""

JVM_OPTIONS = [
    "-Xms128m",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
]


class BrokerError(TrappeError):
    """The local broker cannot start (no jars, no Java, a port taken, Kafka exited)."""


def java_binary() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise BrokerError("no java on PATH: the local Kafka broker needs Java 17")
    return found


def classpath() -> str:
    if not any(JARS_DIR.glob("kafka_2.13-*.jar")):
        raise BrokerError(
            f"no Apache Kafka jars in {JARS_DIR}: run `make jars` "
            "(Maven fetches them from infra/kafka/pom.xml)"
        )
    return str(JARS_DIR / "*")


def _cluster_id() -> str:
    """A Kafka cluster id: 16 random bytes in URL-safe base64, as `kafka-storage random-uuid`."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):  # would read as an option on the command line
            return text


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_until_ready(
    bootstrap: str,
    timeout: float = 60.0,
    process: subprocess.Popen[bytes] | None = None,
    log_path: Path | None = None,
) -> None:
    """Until the broker answers metadata requests and names itself in them (an open port is not
    enough: a KRaft broker listens before the controller has unfenced it)."""
    from kafka import KafkaAdminClient

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise BrokerError(f"Kafka exited with {process.returncode}; see {log_path}")
        if not _accepts(int(bootstrap.rsplit(":", 1)[1])):
            time.sleep(0.1)
            continue
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
            try:
                admin.list_topics()
                if admin.describe_cluster().get("brokers"):
                    return
            finally:
                admin.close()
        except Exception as exc:
            last = exc
        time.sleep(0.2)
    raise BrokerError(
        f"broker at {bootstrap} not ready after {timeout:.0f} s: {last!r}"
        + (f"; see {log_path}" if log_path else "")
    )


class LocalBroker:
    """One Apache Kafka node on loopback. `data_dir` keeps the log directory (and its topics)
    across stops; without it a temporary one is made and deleted by `stop`."""

    def __init__(
        self,
        port: int | None = None,
        *,
        log_path: str | os.PathLike[str] | None = None,
        data_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.port = port or free_port()
        self.controller_port = free_port()
        while self.controller_port == self.port:
            self.controller_port = free_port()
        self.log_path = (
            Path(log_path)
            if log_path
            else (Path(tempfile.gettempdir()) / f"trappe-kafka-{self.port}.log")
        )
        self._temporary = data_dir is None
        self.data_dir = Path(data_dir) if data_dir else None  # a temporary one made by start
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_dir(self) -> Path:
        assert self.data_dir is not None, "the broker has not been started"
        return self.data_dir / "logs"

    def _write_config(self) -> tuple[Path, Path]:
        if self.data_dir is None:
            self.data_dir = Path(tempfile.mkdtemp(prefix=f"trappe-kafka-{self.port}-"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        server = self.data_dir / "server.properties"
        server.write_text(
            SERVER_PROPERTIES.format(
                node_id=NODE_ID,
                port=self.port,
                controller_port=self.controller_port,
                log_dir=self.log_dir,
            )
        )
        log4j = self.data_dir / "log4j2.properties"
        log4j.write_text(LOG4J2_PROPERTIES)
        return server, log4j

    def _java(self, log4j: Path) -> list[str]:
        return [
            java_binary(),
            *JVM_OPTIONS,
            f"-Dlog4j2.configurationFile={log4j}",
            "-cp",
            classpath(),
        ]

    def _format(self, server: Path, log4j: Path, log: IO[bytes]) -> None:
        """Kafka's storage tool writes meta.properties and the bootstrap metadata; a formatted
        directory (a restarted detached broker) is left as it is."""
        if (self.log_dir / "meta.properties").exists():
            return
        # a short-lived JVM: the client compiler alone starts it faster
        done = subprocess.run(
            [
                *self._java(log4j),
                "-XX:TieredStopAtLevel=1",
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                _cluster_id(),
                "--config",
                str(server),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise BrokerError(
                f"formatting {self.log_dir} failed ({done.returncode}); see {self.log_path}"
            )

    def start(self, *, detach: bool = False, timeout: float = 90.0) -> LocalBroker:
        for port in (self.port, self.controller_port):
            if _accepts(port):
                raise BrokerError(f"port {port} is already in use")
        try:
            server, log4j = self._write_config()
            with open(self.log_path, "ab") as log:
                self._format(server, log4j, log)
                self.process = subprocess.Popen(
                    [*self._java(log4j), "kafka.Kafka", str(server)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=detach,
                    cwd=self.data_dir,
                )
            wait_until_ready(self.bootstrap, timeout, self.process, self.log_path)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 20.0) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # a controlled shutdown: Kafka closes its logs cleanly
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._temporary and self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None

    def __enter__(self) -> LocalBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- the detached broker of `python -m ingestion.local_broker` and infra/broker.sh ----------


def status() -> dict[str, Any] | None:
    state = read_state(STATE_FILE)
    if state and pid_alive(state["pid"]) and _accepts(state["port"]):
        return state
    return None


def start_detached(port: int | None = None) -> dict[str, Any]:
    running = status()
    if running:
        return running
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    broker = LocalBroker(port, log_path=DATA_DIR / "kafka.log", data_dir=DATA_DIR)
    broker.start(detach=True)
    assert broker.process is not None  # start() either launched it or raised
    state = {
        "pid": broker.process.pid,
        "port": broker.port,
        "bootstrap": broker.bootstrap,
        "log": str(broker.log_path),
        "data": str(broker.data_dir),
    }
    STATE_FILE.write_text(json.dumps(state))
    return state


def stop_detached(timeout: float = 20.0) -> bool:
    state = read_state(STATE_FILE)
    if not state:
        return False
    stopped = terminate(state["pid"], timeout)
    STATE_FILE.unlink(missing_ok=True)
    return stopped


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m ingestion.local_broker",
        description="Start, stop or query the local Apache Kafka broker (one KRaft node).",
    )
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--port", type=int, help="port to listen on (default: a free one)")
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            state = start_detached(args.port)
            print(
                f"broker running at {state['bootstrap']} (pid {state['pid']}, "
                f"log {state['log']}, data {state['data']})"
            )
            print(f"export TRAPPE_KAFKA={state['bootstrap']}")
        elif args.action == "stop":
            print("broker stopped" if stop_detached() else "no broker was running")
        else:
            running = status()
            if not running:
                print("no broker running")
                return 1
            print(f"broker running at {running['bootstrap']} (pid {running['pid']})")
    except BrokerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
