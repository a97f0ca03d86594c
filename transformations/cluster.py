"""A real Spark standalone cluster (one master, one worker) on loopback, for development and tests.

    with SparkStandaloneCluster() as cluster:     # free loopback ports, logs in a temp dir
        subprocess.run(
            ["trappe", "transform", "--home", lake, "--spark-master", cluster.master_url]
        )

    python -m transformations.cluster start [--cores 1] [--memory 2g]   # detached; state in a file
    python -m transformations.cluster status
    python -m transformations.cluster stop

It is started from the pyspark wheel alone: the wheel ships `bin/spark-class` but not the
`sbin/start-master.sh` scripts, so the master and worker daemons are launched through spark-class.
Drivers that connect to it must run the same Spark version (the venv's pyspark does).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Self

from trappe.core.services import (
    free_port,
    pid_alive,
    process_running,
    read_state,
    stop_process_group,
)

HOST = "127.0.0.1"
STATE_FILE = Path(
    os.environ.get(
        "TRAPPE_SPARK_CLUSTER_STATE",
        Path(tempfile.gettempdir()) / f"trappe-spark-cluster-{os.getuid()}.json",
    )
)


class ClusterError(RuntimeError):
    pass


def spark_home() -> Path:
    if os.environ.get("SPARK_HOME"):
        return Path(os.environ["SPARK_HOME"])
    import pyspark

    return Path(pyspark.__file__).parent


def master_state(webui_url: str, timeout: float = 2.0) -> dict:
    """The master's own view of the cluster (workers, running and completed applications)."""
    with urllib.request.urlopen(f"{webui_url}/json/", timeout=timeout) as response:
        return json.load(response)


def _daemon_env(base_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SPARK_HOME=str(spark_home()),
        # Bind and advertise loopback only: the machine's hostname may not resolve, and a
        # development cluster has no business listening on other interfaces.
        SPARK_LOCAL_IP=HOST,
        SPARK_LOCAL_DIRS=str(base_dir / "local"),
        # The daemons only schedule; executors get their own heap (spark.executor.memory).
        SPARK_DAEMON_MEMORY=os.environ.get("SPARK_DAEMON_MEMORY", "512m"),
    )
    return env


class SparkStandaloneCluster:
    """One master and one worker as child processes; `master_url` is what drivers connect to."""

    def __init__(
        self,
        *,
        cores: int = 1,
        memory: str = "2g",
        base_dir: str | os.PathLike | None = None,
        port: int | None = None,
        webui_port: int | None = None,
    ) -> None:
        self.cores = cores
        self.memory = memory
        self._own_dir = base_dir is None
        self.base_dir = (
            Path(base_dir) if base_dir else Path(tempfile.mkdtemp(prefix="trappe-spark-"))
        )
        self.port = port or free_port(HOST)
        self.webui_port = webui_port or free_port(HOST)
        self.worker_webui_port = free_port(HOST)
        self.master: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    @property
    def master_url(self) -> str:
        return f"spark://{HOST}:{self.port}"

    @property
    def webui_url(self) -> str:
        return f"http://{HOST}:{self.webui_port}"

    @property
    def master_log(self) -> Path:
        return self.base_dir / "master.log"

    @property
    def worker_log(self) -> Path:
        return self.base_dir / "worker.log"

    def _launch(self, args: list[str], log_path: Path) -> subprocess.Popen:
        spark_class = spark_home() / "bin" / "spark-class"
        with open(log_path, "ab") as log:
            # Own session: stopping the group also stops the executors the worker forked, and a
            # detached cluster survives the shell that started it.
            return subprocess.Popen(
                ["bash", str(spark_class), *args],
                env=_daemon_env(self.base_dir),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.base_dir,
                start_new_session=True,
            )

    def start(self, timeout: float = 60.0) -> Self:
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise ClusterError("no Java: Spark needs a JDK 17+ on PATH or in JAVA_HOME")
        (self.base_dir / "local").mkdir(parents=True, exist_ok=True)
        work_dir = (
            self.base_dir / "work"
        )  # executor logs and app files; not in the venv's SPARK_HOME
        work_dir.mkdir(exist_ok=True)
        try:
            self.master = self._launch(
                [
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    HOST,
                    "--port",
                    str(self.port),
                    "--webui-port",
                    str(self.webui_port),
                ],
                self.master_log,
            )
            self.worker = self._launch(
                [
                    "org.apache.spark.deploy.worker.Worker",
                    self.master_url,
                    "--host",
                    HOST,
                    "--cores",
                    str(self.cores),
                    "--memory",
                    self.memory,
                    "--webui-port",
                    str(self.worker_webui_port),
                    "--work-dir",
                    str(work_dir),
                ],
                self.worker_log,
            )
            self._wait_for_worker(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_for_worker(self, timeout: float) -> None:
        """Until the master has registered the worker: only then can it run an application."""
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            for name, process, log in (
                ("master", self.master, self.master_log),
                ("worker", self.worker, self.worker_log),
            ):
                assert process is not None, "start() launches both before it waits"
                if process.poll() is not None:
                    raise ClusterError(f"spark {name} exited with {process.returncode}; see {log}")
            try:
                state = master_state(self.webui_url)
                if state.get("status") == "ALIVE" and state.get("aliveworkers", 0) >= 1:
                    return
            except OSError as exc:  # the web UI is not up yet
                last = exc
            time.sleep(0.3)
        raise ClusterError(
            f"no worker registered with {self.master_url} after {timeout:.0f} s "
            f"({last!r}); see {self.master_log} and {self.worker_log}"
        )

    def stop(self, timeout: float = 15.0) -> None:
        # Worker first, with the executors in its process group, then the master.
        for process in (self.worker, self.master):
            if process is not None:
                stop_process_group(process.pid, timeout, process)
        if self._own_dir:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- the detached cluster of `python -m transformations.cluster` and infra/spark.sh ------------


def status() -> dict | None:
    state = read_state(STATE_FILE)
    if not state or not all(pid_alive(pid) for pid in state["pids"]):
        return None
    try:
        return {**state, "master": master_state(state["webui_url"])}
    except OSError:
        return None


def start_detached(
    cores: int = 1, memory: str = "2g", port: int | None = None, webui_port: int | None = None
) -> dict:
    running = status()
    if running:
        return running
    # Logs of the last cluster stay after `stop` for reading; a new start begins afresh.
    base_dir = Path(tempfile.gettempdir()) / f"trappe-spark-cluster-{os.getuid()}"
    shutil.rmtree(base_dir, ignore_errors=True)
    cluster = SparkStandaloneCluster(
        cores=cores, memory=memory, base_dir=base_dir, port=port, webui_port=webui_port
    ).start()
    assert cluster.master is not None and cluster.worker is not None, "start() launched both"
    state = {
        "master_url": cluster.master_url,
        "webui_url": cluster.webui_url,
        "pids": [cluster.master.pid, cluster.worker.pid],
        "base_dir": str(base_dir),
        "logs": [str(cluster.master_log), str(cluster.worker_log)],
    }
    STATE_FILE.write_text(json.dumps(state))
    return {**state, "master": master_state(cluster.webui_url)}


def stop_detached(timeout: float = 15.0) -> bool:
    state = read_state(STATE_FILE)
    if not state:
        return False
    stopped = False
    for pid in reversed(state["pids"]):  # worker first
        if process_running(pid, None):
            stop_process_group(pid, timeout)
            stopped = True
    STATE_FILE.unlink(missing_ok=True)
    return stopped


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m transformations.cluster",
        description="Start, stop or query a local Spark standalone cluster.",
    )
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--cores", type=int, default=1, help="cores the worker offers (default 1)")
    parser.add_argument(
        "--memory", default="2g", help="memory the worker offers to executors (default 2g)"
    )
    parser.add_argument("--port", type=int, help="master port (default: a free one)")
    parser.add_argument("--webui-port", type=int, help="master web UI port (default: a free one)")
    args = parser.parse_args(argv)
    if args.action == "start":
        try:
            state = start_detached(args.cores, args.memory, args.port, args.webui_port)
        except ClusterError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(
            f"spark master {state['master_url']} (web UI {state['webui_url']}, "
            f"{state['master']['aliveworkers']} worker(s), logs in {state['base_dir']})"
        )
        print(f"export TRAPPE_SPARK_MASTER={state['master_url']}")
        # Executors start Python workers with the driver's PYSPARK_PYTHON (default: python3 on
        # PATH, which may lack pyspark); the driver must be reachable on loopback.
        print(f"export PYSPARK_PYTHON={sys.executable} SPARK_LOCAL_IP={HOST}")
    elif args.action == "stop":
        print("spark cluster stopped" if stop_detached() else "no spark cluster was running")
    else:
        running = status()
        if not running:
            print("no spark cluster running")
            return 1
        master = running["master"]
        print(
            f"spark master {running['master_url']}: {master['aliveworkers']} worker(s), "
            f"{master['cores']} cores, {len(master['activeapps'])} running and "
            f"{len(master['completedapps'])} completed application(s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
