"""Running the local services trappe talks to (the Kafka-protocol broker, a Spark cluster):
free ports, state files and stopping processes without leaving any behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def read_state(path: Path) -> dict[str, Any] | None:
    """The JSON state a detached service left behind, or None."""
    try:
        state: dict[str, Any] = json.loads(path.read_text())
        return state
    except (OSError, ValueError):
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def process_running(pid: int, process: subprocess.Popen[Any] | None = None) -> bool:
    """Alive and not a zombie (a zombie still answers kill(0) until its parent reaps it)."""
    if process is not None:
        return process.poll() is None  # also reaps it
    try:
        return (
            pid_alive(pid)
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        )
    except OSError:
        return False


def terminate(pid: int, timeout: float) -> bool:
    """SIGTERM, then SIGKILL after `timeout`; True if the process was running."""
    if not pid_alive(pid):
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
    return True


def stop_process_group(
    pgid: int, timeout: float, process: subprocess.Popen[Any] | None = None
) -> None:
    """Stop a daemon and what it forked (its process group): SIGTERM, SIGKILL after `timeout`."""
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while process_running(pgid, process) and time.monotonic() < deadline:
        time.sleep(0.1)
    # the daemon is gone or stuck: nothing left in its group may outlive it
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    if process is not None:
        process.wait()
