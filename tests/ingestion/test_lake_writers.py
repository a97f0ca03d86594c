"""Who may write to a lake, and how a failure the user meets reads.

One ingest at a time per lake (members of one Kafka consumer group share it); a second waits a
little, then refuses in one line naming the holder; a killed holder blocks no one. A full disk,
a read-only lake, a lake without write permission: one line naming what and where, a non-zero
exit, no traceback, and a lake that a later run completes without duplicates. These run the
real thing: a tmpfs of a few hundred KiB for the full disk, a read-only bind mount, a process
without CAP_DAC_OVERRIDE, each in a private mount namespace (`unshare -m`), so the test needs
root with CAP_SYS_ADMIN, as on the project's machine.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ingestion.file_source import ingest_file
from ingestion.ingestor import LOCK_FILE, Ingestor
from ingestion.store import LakeStore
from tests.support import eventgen, lakeread
from trappe.core.errors import LakeBusy
from trappe.core.locking import LakeLock
from trappe.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TRAPPE = [sys.executable, "-m", "trappe.app.cli"]


def cli_env() -> dict:
    return dict(os.environ, TRAPPE_DEMO="1", PYTHONPATH=str(ROOT))


@pytest.fixture
def scenario(tmp_path):
    lines, valid_ids, bad = eventgen.scenario(2_000, seed=13)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, valid_ids, bad


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (DEBUG|INFO|WARNING) ")


def one_line_error(stderr: str) -> str:
    """The one line of the error, among the run's progress log lines; no traceback."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip() and not LOG_LINE.match(line)]
    assert len(lines) == 1, stderr[-3000:]
    return lines[0]


# --- one writer at a time ---------------------------------------------------------------------


def test_a_held_lake_makes_an_ingest_refuse_naming_the_holder(lake, scenario):
    path, valid_ids, _ = scenario
    holder = LakeLock(lake.home / LOCK_FILE, "ingest from file").acquire()
    try:
        with pytest.raises(LakeBusy) as refused:
            ingest_file(lake, path, lock_wait=0)
    finally:
        holder.release()
    message = str(refused.value)
    assert "\n" not in message and str(lake.home) in message
    assert f"pid {os.getpid()} on host {socket.gethostname()} since 20" in message
    assert not lake.bronze_dir.exists() and not lake.ingest_runs_dir.exists()
    _, counts = ingest_file(lake, path, lock_wait=0)  # released: it goes ahead
    assert counts.written == len(valid_ids)


def test_an_ingest_waits_for_the_holder_to_finish(lake, scenario):
    path, valid_ids, _ = scenario
    holder = LakeLock(lake.home / LOCK_FILE, "ingest from file").acquire()
    threading.Timer(1.0, holder.release).start()
    _, counts = ingest_file(lake, path, lock_wait=30)
    assert counts.written == len(valid_ids)


def test_a_killed_holder_blocks_no_one(lake, scenario):
    path, valid_ids, _ = scenario
    holding = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from trappe.core.locking import LakeLock; "
            f"held = LakeLock(Path({str(lake.home / LOCK_FILE)!r}), 'ingest from file').acquire(); "
            "print('held', flush=True); time.sleep(600)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holding.stdout.readline().strip() == "held"
        with pytest.raises(LakeBusy, match=f"pid {holding.pid} "):
            ingest_file(lake, path, lock_wait=0)
    finally:
        holding.send_signal(signal.SIGKILL)
        holding.wait()
    _, counts = ingest_file(lake, path, lock_wait=0)
    assert counts.written == len(valid_ids)


def test_two_ingests_of_one_file_at_once_write_each_event_once(tmp_path, scenario):
    path, valid_ids, bad = scenario
    home = tmp_path / "lake"
    command = [*TRAPPE, "ingest", "--from", str(path), "--home", str(home), "--workers", "0"]
    both = [
        subprocess.Popen(
            command, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outcomes = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in both]
    for code, _, stderr in outcomes:
        # the second waited and found everything ingested, or gave up waiting after 10 s
        assert code in (0, 75), stderr[-2000:]
        if code == 75:
            assert "another process is writing to it" in one_line_error(stderr)
    settings = Settings(home=home)
    ids = lakeread.bronze(settings).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == len(valid_ids)
    assert lakeread.deadletters(settings).num_rows == len(bad)
    records = lakeread.run_records(settings)
    assert sum(r["written"] for r in records) == len(valid_ids)
    assert all(r["status"] == "completed" for r in records)


def test_the_cli_refuses_in_one_line_when_the_lake_stays_busy(tmp_path, scenario):
    path = scenario[0]
    home = tmp_path / "lake"
    holder = LakeLock(home / LOCK_FILE, "ingest from file").acquire()
    try:
        done = subprocess.run(
            [*TRAPPE, "ingest", "--from", str(path), "--home", str(home)],
            env=cli_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.release()
    assert done.returncode == 75
    line = one_line_error(done.stderr)
    assert f"pid {os.getpid()} on host {socket.gethostname()}" in line and str(home) in line


def test_members_of_a_kafka_group_share_the_lake_and_exclude_a_file_ingest(lake, scenario):
    """The lock only (no broker needed): Ingestors as the Kafka source makes them."""
    path = scenario[0]
    kafka = {"kind": "kafka", "topic": "case-events", "group": "trappe-lake"}
    first = Ingestor(lake, source=kafka, lock_wait=0)
    second = Ingestor(lake, source=kafka, lock_wait=0)  # shares the lake with the first
    with pytest.raises(LakeBusy, match="ingest from kafka"):
        ingest_file(lake, path, lock_wait=0)
    other_group = {"kind": "kafka", "topic": "case-events", "group": "another-group"}
    with pytest.raises(LakeBusy, match="consumer group trappe-lake of topic case-events"):
        Ingestor(lake, source=other_group, lock_wait=0)  # would read the same partitions
    first.finish()
    second.finish()
    assert ingest_file(lake, path, lock_wait=0)[1].read > 0


# --- what the operating system refuses ---------------------------------------------------------


def _can_mount() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _can_mount(),
    reason="needs root with CAP_SYS_ADMIN "
    "(unshare -m, mount) for a real full disk or read-only lake",
)


def in_namespace(script: str) -> None:
    subprocess.run(["unshare", "-m", "sh", "-c", script], check=True, timeout=600, env=cli_env())


def cli(*args: str, out: Path) -> str:
    """A shell line running the CLI, with its exit code, stdout and stderr kept in `out`.*"""
    command = " ".join(shlex.quote(a) for a in TRAPPE + list(args))
    return f"{command} >{out}.out 2>{out}.err; echo $? >{out}.rc"


@needs_mounts
def test_a_full_disk_is_one_line_and_the_next_run_completes_the_lake(tmp_path, scenario):
    path, valid_ids, bad = scenario
    mnt, saved, out = tmp_path / "mnt", tmp_path / "saved", tmp_path / "run"
    mnt.mkdir()
    home = mnt / "lake"
    ingest = [
        "ingest",
        "--from",
        str(path),
        "--home",
        str(home),
        "--batch-size",
        "200",
        "--workers",
        "0",
    ]
    in_namespace(f"""
        mount -t tmpfs -o size=160k tmpfs {mnt}
        {cli(*ingest, out=out.with_suffix(".full"))}
        mount -o remount,size=64m {mnt}
        {cli(*ingest, out=out.with_suffix(".room"))}
        cp -a {home} {saved}
    """)
    assert out.with_suffix(".full.rc").read_text().strip() == "74"
    line = one_line_error(out.with_suffix(".full.err").read_text())
    assert "the disk is full" in line and str(home) in line
    assert out.with_suffix(".room.rc").read_text().strip() == "0", out.with_suffix(
        ".room.err"
    ).read_text()[-2000:]

    lake = Settings(home=saved)
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == len(valid_ids)  # nothing lost, nothing twice
    assert lakeread.deadletters(lake).num_rows == len(bad)
    runs = lakeread.run_records(lake)
    assert len(runs) == 2 and {r["status"] for r in runs} <= {
        "completed",
        "interrupted",
        "failed",
        "running",
    }
    assert sum(r["written"] for r in runs if r["status"] == "completed") + sum(
        r["written"] for r in runs if r["status"] != "completed"
    ) == len(valid_ids)
    # bronze's commits count what the run records count
    batches = LakeStore(lake).batches()
    assert sum(b["counts"]["written"] for b in batches) == len(valid_ids)
    assert sum(b["counts"]["read"] for b in batches) == sum(r["read"] for r in runs)


@needs_mounts
@pytest.mark.parametrize("existing", [True, False])
def test_a_read_only_lake_is_one_line(tmp_path, scenario, existing):
    path = scenario[0]
    parent = tmp_path / "ro"
    home = parent / "lake"
    parent.mkdir()
    if existing:
        ingest_file(Settings(home=home, demo=True), eventgen_file(tmp_path), lock_wait=0)
    target = home if existing else parent  # made read-only; the lake in it or to be made there
    out = tmp_path / "run"
    in_namespace(f"""
        mount --bind {target} {target} && mount -o remount,bind,ro {target}
        {cli("ingest", "--from", str(path), "--home", str(home), out=out)}
    """)
    assert out.with_suffix(".rc").read_text().strip() != "0"
    line = one_line_error(out.with_suffix(".err").read_text())
    assert "read-only" in line.lower() and str(tmp_path) in line


@needs_mounts
def test_a_lake_without_write_permission_is_one_line(tmp_path, scenario):
    path = scenario[0]
    home = tmp_path / "lake"
    ingest_file(Settings(home=home, demo=True), eventgen_file(tmp_path), lock_wait=0)
    for directory in [home, *[p for p in home.rglob("*") if p.is_dir()]]:
        directory.chmod(0o555)
    out = tmp_path / "run"
    try:
        # root obeys file permissions once it lacks CAP_DAC_OVERRIDE
        command = cli("ingest", "--from", str(path), "--home", str(home), out=out)
        subprocess.run(
            ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "sh", "-c", command],
            check=True,
            env=cli_env(),
            timeout=300,
        )
    finally:
        for directory in [home, *[p for p in home.rglob("*") if p.is_dir()]]:
            directory.chmod(0o755)
    assert out.with_suffix(".rc").read_text().strip() != "0"
    line = one_line_error(out.with_suffix(".err").read_text())
    assert "permission denied" in line.lower() and str(home) in line


def eventgen_file(tmp_path: Path) -> Path:
    other = tmp_path / "earlier.jsonl"
    other.write_bytes(b"\n".join(eventgen.to_lines(eventgen.valid_events(50, seed=17))))
    return other
