"""`make bench`: the platform end to end at national scale, written to bench/results.json and
BENCHMARKS.md (issue 17).

For each size (simulated `national` events; 1, 5 and 20 million by default):

- simulate the stream (its last simulated day held back for the incremental measurement);
- produce it into a topic of a local Apache Kafka broker;
- the floors: each client's raw consume rate on that topic (a group member that only touches
  the values), and later DuckDB reading bronze once;
- ingest it with each client (the first of `--clients` into the lake the build uses, the others
  into a scratch lake), timed from the first record received to the last batch committed;
- `trappe build` from an empty silver (transform, dbt, quality gate, publish), each stage's
  wall time from the build's own stage lines;
- one more national day: produce, ingest, `trappe build` again (incremental transform).

Peak memory is the largest proportional set size (PSS: shared pages divided among their sharers)
of the process tree doing the work (the build's Python and Spark's JVM together; for ingestion
this process and its validating workers, the broker left out), sampled every 0.2 s from /proc.
Then live mode: `trappe run --kafka --follow` on a lake of the herning-pilot scenario, the rest
of its stream fed at `--live-speed` times real time for `--live-seconds`; its cycles' lags give
freshness_p95_s.

    .venv/bin/python -m bench.bench_all [--sizes 1000000 5000000 20000000]
        [--clients kafka-python confluent] [--live-seconds 600] [--no-live] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingestion.kafka_client import ensure_topics, make_consumer
from ingestion.kafka_source import KafkaIngest
from ingestion.local_broker import LocalBroker
from ingestion.producer import publish_lines
from trappe.core.settings import Settings
from trappe.core.stats import weighted_p95

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
REPORT = ROOT / "BENCHMARKS.md"
TRAPPE = [sys.executable, "-m", "trappe.app.cli"]
DEFAULT_SIZES = [1_000_000, 5_000_000, 20_000_000]
# `✔ transform: bronze → silver (Spark) (12.3 s)`: the stage's name, then its seconds at the end
STAGE = re.compile(r"✔ (transform|dbt build|quality gate)\b.*\(([\d.]+) s\)\s*$", re.M)


# -- memory ---------------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _rss_kib(pid: int) -> int:
    """The process's proportional set size: its resident pages, each shared one divided among
    the processes that share it. A forked worker (the validators, Spark's Python daemons) maps
    its parent's pages, and summing their plain resident sets counted those pages once a
    process."""
    for path, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as handle:
                for line in handle:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_rss_mib(root: int, leave_out: set[int]) -> float:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in leave_out:
            continue
        total += _rss_kib(pid)
        todo += _children(pid)
    return total / 1024


class PeakMemory:
    """The largest resident set of a process tree while the block runs."""

    def __init__(self, root: int | Callable[[], int | None], leave_out: set[int] | None = None):
        self.root, self.leave_out = root, leave_out or set()
        self.peak_mib = 0.0
        self._stop = threading.Event()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            root = self.root() if callable(self.root) else self.root
            if root is not None:
                self.peak_mib = max(self.peak_mib, tree_rss_mib(root, self.leave_out))

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, float, str, int]:
    """(seconds, peak RSS MiB of its tree, stderr, exit code) of a command."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        with PeakMemory(process.pid) as memory:
            code = process.wait()
        err.seek(0)
        text = err.read().decode(errors="replace")
    return time.perf_counter() - started, memory.peak_mib, text, code


# -- data -----------------------------------------------------------------------------------
def simulate(events: int, path: Path, env: dict[str, str]) -> float | None:
    """Seconds to simulate the stream into `path`; None when a previous run left it there."""
    if path.exists():
        return None
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    subprocess.run(
        [*TRAPPE, "simulate", "--scenario", "national", "--events", str(events),
         "--seed", "7", "--out", str(partial), "--no-progress"],
        check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    partial.rename(path)
    return time.perf_counter() - started


def _recorded_at(line: bytes) -> str | None:
    try:
        event = json.loads(line)
        value = event["recorded_at"]
        return value if isinstance(value, str) else None
    except (ValueError, KeyError, TypeError):
        return None


def split_last_day(source: Path) -> tuple[list[bytes], list[bytes]]:
    """The stream without its last simulated day, and that day: the simulator sends a day's
    events together, in day order. The last few dates of the stream may be stragglers (a late
    correction, a single event), so the "day" is the trailing whole dates that together hold at
    least an average day's events."""
    lines = source.read_bytes().splitlines()
    dates = [r[:10] if r else None for r in map(_recorded_at, lines)]
    per_day = len(lines) / max(1, len({d for d in dates if d}))
    cut = len(lines)
    while cut > 0 and len(lines) - cut < per_day:
        last = next((d for d in reversed(dates[:cut]) if d), None)
        while cut > 0 and dates[cut - 1] in (last, None):
            cut -= 1
    return lines[:cut], lines[cut:]


def newest(lines: list[bytes]) -> str:
    stamps = [datetime.fromisoformat(r) for r in map(_recorded_at, lines) if r]
    return max(stamps).astimezone(UTC).isoformat()


# -- Kafka ----------------------------------------------------------------------------------
def raw_consume(client: str, bootstrap: str, topic: str, expected: int) -> float:
    """Seconds from the first record to the last for a bare group member of `client`."""
    consumer = make_consumer(
        client, bootstrap, topic, f"{topic}-raw-{client}", start_positions=lambda _: {},
        max_poll_records=5_000,
    )  # fmt: skip
    seen, first = 0, None
    while seen < expected:
        records = consumer.poll(5_000, 500)
        if records and first is None:
            first = time.perf_counter()
        for record in records:
            len(record.value)
        seen += len(records)
    elapsed = time.perf_counter() - (first or time.perf_counter())
    consumer.close()
    return elapsed


def ingest(
    client: str, bootstrap: str, topic: str, home: Path, expected: int, broker_pid: int
) -> dict[str, Any]:
    """Kafka → bronze with `client`: seconds from the first record to the last batch committed."""
    job = KafkaIngest(
        Settings(home=home, demo=True), bootstrap, topic=topic,
        group=f"{topic}-{home.name}-{client}",
        idle_seconds=5, client=client,
    )  # fmt: skip
    marks: dict[str, float] = {}
    poll, flush = job.consumer.poll, job.ingestor.flush

    def timed_poll(*args: Any) -> Any:
        records = poll(*args)
        if records and "first" not in marks:
            marks["first"] = time.perf_counter()
        return records

    def timed_flush() -> Any:
        covered = flush()
        if job.ingestor.counts.read >= expected and "done" not in marks:
            marks["done"] = time.perf_counter()
        return covered

    job.consumer.poll, job.ingestor.flush = timed_poll, timed_flush  # type: ignore[method-assign]
    with PeakMemory(os.getpid(), {broker_pid}) as memory:
        _, counts = job.run()
    seconds = marks["done"] - marks["first"]
    return {"seconds": seconds, "read": counts.read, "written": counts.written,
            "peak_rss_mib": round(memory.peak_mib)}  # fmt: skip


def duckdb_floor(bronze: Path) -> float | None:
    """DuckDB reading every column of bronze once (the cheapest pass any transform makes)."""
    import duckdb

    from trappe.core import lakehouse

    table = lakehouse.open_table(bronze)
    if table is None:
        return None
    files = sorted(lakehouse.data_files(table))  # the newest version's files, as Delta lists them
    if not files:
        return None
    started = time.perf_counter()
    with duckdb.connect() as con:
        # a relation, not a cursor's result: its Arrow output is not copied once more
        con.read_parquet(files, union_by_name=True).to_arrow_table()
    return time.perf_counter() - started


def build(home: Path, as_of: str, env: dict[str, str]) -> dict[str, Any]:
    seconds, peak, stderr, code = run_measured(
        [*TRAPPE, "build", "--home", str(home), "--as-of", as_of], env
    )
    # the gate runs as two stages (screening before dbt, marts after): their sum is its cost
    stages: dict[str, float] = {}
    for name, value in STAGE.findall(stderr):
        stages[name] = round(stages.get(name, 0.0) + float(value), 1)
    return {
        "seconds": seconds,
        "transform_s": stages.get("transform"),
        "dbt_s": stages.get("dbt build"),
        "gate_s": stages.get("quality gate"),
        "peak_rss_mib": round(peak),
        "published": code == 0,
        "error": None if code == 0 else stderr.strip().splitlines()[-1:],
    }


# -- one size -------------------------------------------------------------------------------
def bench_size(
    events: int, clients: list[str], broker: LocalBroker, work: Path, env: dict[str, str]
) -> dict[str, Any]:
    base = work / f"national-{events}"
    base.mkdir(parents=True, exist_ok=True)
    source = base / "events.jsonl"
    simulate_s = simulate(events, source, env)
    head, day = split_last_day(source)
    topic, day_topic = f"bench-{events}-{os.getpid()}", f"bench-{events}-day-{os.getpid()}"
    ensure_topics(broker.bootstrap, [topic, topic + ".dlq", day_topic, day_topic + ".dlq"], 3)
    started = time.perf_counter()
    publish_lines(broker.bootstrap, topic, head)
    produce_s = time.perf_counter() - started
    # the ingest runs in this process: its memory must not count the stream's lines
    head_events, head_newest = len(head), newest(head)
    del head
    everything_newest = max(head_newest, newest(day), key=datetime.fromisoformat)
    broker_pid = broker.process.pid if broker.process else -1

    result: dict[str, Any] = {
        "events": head_events,
        "simulate_s": None if simulate_s is None else round(simulate_s, 1),
        "produce_s": round(produce_s, 1),
        "clients": {},
    }
    lake = base / "lake"
    shutil.rmtree(lake, ignore_errors=True)
    for i, client in enumerate(clients):
        raw = raw_consume(client, broker.bootstrap, topic, head_events)
        home = lake if i == 0 else base / f"scratch-{client}"
        done = ingest(client, broker.bootstrap, topic, home, head_events, broker_pid)
        result["clients"][client] = {
            "raw_consume_s": round(raw, 2),
            "raw_events_per_s": round(head_events / raw),
            "ingest_s": round(done["seconds"], 2),
            "ingest_events_per_s": round(head_events / done["seconds"]),
            "ratio": round(raw / done["seconds"], 3),
            "peak_rss_mib": done["peak_rss_mib"],
        }
        if i:
            shutil.rmtree(home, ignore_errors=True)
    chosen = result["clients"][clients[0]]
    result["ingest_s"] = chosen["ingest_s"]
    result["ingest_ratio"] = chosen["ratio"]

    full = build(lake, head_newest, env)
    result.update(
        transform_s=full["transform_s"], dbt_s=full["dbt_s"], gate_s=full["gate_s"],
        build_s=round(full["seconds"], 1), published=full["published"],
    )  # fmt: skip
    if full["error"]:
        result["build_error"] = full["error"]
    floor = duckdb_floor(Settings(home=lake).bronze_dir)
    result["duckdb_read_bronze_s"] = round(floor, 2) if floor is not None else None
    result["total_s"] = round(result["ingest_s"] + full["seconds"], 1)
    result["events_per_s"] = round(head_events / result["total_s"])
    result["peak_rss_mib"] = max(full["peak_rss_mib"], chosen["peak_rss_mib"])

    # one more national day on top: ingest it, build again (an incremental transform)
    publish_lines(broker.bootstrap, day_topic, day)
    added = ingest(clients[0], broker.bootstrap, day_topic, lake, len(day), broker_pid)
    incremental = build(lake, everything_newest, env)
    result["day_events"] = len(day)
    result["incremental_day_s"] = round(added["seconds"] + incremental["seconds"], 1)
    result["incremental_day_stages"] = {
        "ingest_s": round(added["seconds"], 2), "transform_s": incremental["transform_s"],
        "dbt_s": incremental["dbt_s"], "gate_s": incremental["gate_s"],
        "published": incremental["published"],
    }  # fmt: skip
    return result


# -- live -----------------------------------------------------------------------------------
def _event_id(line: bytes) -> str | None:
    try:
        value = json.loads(line).get("event_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def feed_lags(
    home: Path, cycles: list[dict[str, Any]], sent: dict[str, float]
) -> list[tuple[float, int]]:
    """Each fed event's lag from its send to the topic to the publication of the first marts
    that include it: the cycle whose transform read its bronze version, or when that cycle
    failed, the next that published. Events never published are left out (counted by the
    caller)."""
    import pyarrow as pa

    from trappe.core import lakehouse

    bronze = lakehouse.open_table(Settings(home=home).bronze_dir)
    cycle_of_version = {
        int(v): i for i, c in enumerate(cycles) for v in c.get("bronze_versions", [])
    }
    published_from: list[float | None] = [None] * len(cycles)
    upcoming: float | None = None
    for i in range(len(cycles) - 1, -1, -1):
        if cycles[i]["status"] == "published":
            upcoming = datetime.fromisoformat(cycles[i]["published_at"]).timestamp()
        published_from[i] = upcoming
    lags: list[tuple[float, int]] = []
    if bronze is None or not cycle_of_version:
        return lags
    # the rows each bronze version added: its change feed, two columns
    changes = pa.table(
        bronze.load_cdf(
            starting_version=min(cycle_of_version),
            ending_version=max(cycle_of_version),
            columns=["event_id", "_commit_version"],
        )
    ).to_pylist()
    seen: set[str] = set()
    for row in sorted(changes, key=lambda r: r["_commit_version"]):
        i = cycle_of_version.get(int(row["_commit_version"]))
        at = None if i is None else published_from[i]
        event_id = row["event_id"]
        if at is not None and event_id in sent and event_id not in seen:
            seen.add(event_id)
            lags.append((at - sent[event_id], 1))
    return lags


def bench_live(
    broker: LocalBroker, work: Path, env: dict[str, str], seconds: float, speed: float
) -> dict[str, Any]:
    """Freshness: herning-pilot's stream, its last part fed at `speed` times real time.

    The lag of an event is from its send to the topic (the feed's clock: this process's wall
    time when the broker acknowledged it) to the publication of marts that include it; the
    live mode's own record (`<home>/live/cycles.jsonl`) has it from its arrival in bronze."""
    from ingestion.kafka_client import KafkaPythonProducer

    base = work / "live"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    source = base / "herning.jsonl"
    subprocess.run([*TRAPPE, "simulate", "--out", str(source), "--no-progress"],
                   check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    lines = source.read_bytes().splitlines()
    cut = int(len(lines) * 0.97)
    topic = f"bench-live-{os.getpid()}"
    ensure_topics(broker.bootstrap, [topic, topic + ".dlq"], 3)
    publish_lines(broker.bootstrap, topic, lines[:cut])
    home = base / "lake"
    log = (base / "live.log").open("wb")
    process = subprocess.Popen(
        [*TRAPPE, "run", "--kafka", broker.bootstrap, "--follow", "--home", str(home),
         "--topic", topic, "--group", topic, "--clock", "feed", "--cycle-seconds", "10"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
    )  # fmt: skip
    cycles_file = Settings(home=home).live_cycles_file

    def cycles() -> list[dict[str, Any]]:
        if not cycles_file.exists():
            return []
        return [json.loads(x) for x in cycles_file.read_text().splitlines() if x.strip()]

    deadline = time.monotonic() + 900
    while not any(c["status"] == "published" for c in cycles()):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"live mode did not publish: see {base / 'live.log'}")
        time.sleep(1)
    startup = len(cycles())
    # (a noop cycle may follow it before this loop looks)
    first_publication_s = next(c["cycle_s"] for c in cycles() if c["status"] == "published")
    producer = KafkaPythonProducer(broker.bootstrap)
    sent: dict[str, float] = {}
    fed, t0, feed_start = 0, None, time.monotonic()
    with PeakMemory(process.pid) as memory:
        for line in lines[cut:]:
            recorded = _recorded_at(line)
            if recorded is not None:
                at = datetime.fromisoformat(recorded).timestamp()
                t0 = at if t0 is None else t0
                wait = feed_start + (at - t0) / speed - time.monotonic()
                if time.monotonic() + max(0.0, wait) - feed_start > seconds:
                    break
                if wait > 0:
                    time.sleep(wait)
            producer.send(topic, line)
            producer.flush()
            event_id = _event_id(line)
            if event_id is not None:
                sent.setdefault(event_id, time.time())
            fed += 1
        fed_seconds = round(time.monotonic() - feed_start, 1)
        # let the last events reach the marts (two cycles at most), then stop as an operator would
        settle = time.monotonic() + 300
        while sent and time.monotonic() < settle and process.poll() is None:
            # the simulator's broken copies (0.2 %) never reach the marts
            if len(feed_lags(home, cycles()[startup:], sent)) >= len(sent) * 0.99:
                break
            time.sleep(2)
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=600)
    producer.close()
    log.close()
    history = cycles()[startup:]
    lags = feed_lags(home, history, sent)
    published = [c for c in history if c["status"] == "published"]
    bronze_lags = [(lag, int(n)) for c in published for lag, n in c.get("lags", [])]
    return {
        "scenario": "herning-pilot", "speed": speed, "fed_events": fed,
        "fed_seconds": fed_seconds,
        "fed_with_event_id": len(sent), "published_of_them": len(lags),
        "first_publication_s": round(first_publication_s, 1),
        "cycles": len(history), "published_cycles": len(published),
        "failed_cycles": sum(c["status"] == "failed" for c in history),
        "freshness_p95_s": _round(weighted_p95(lags)),
        "freshness_max_s": round(max(lag for lag, _ in lags), 1) if lags else None,
        "freshness_from_bronze_p95_s": _round(weighted_p95(bronze_lags)),
        "cycle_s_median": sorted(c["cycle_s"] for c in published)[len(published) // 2]
        if published else None,
        "cycle_steps_median_s": {
            step: sorted(c[step] or 0.0 for c in published)[len(published) // 2]
            for step in ("transform_s", "screen_s", "dbt_s", "gate_s")
        } if published else None,
        "peak_rss_mib": round(memory.peak_mib), "exit": process.returncode,
        "stopped_line": out.decode().strip(),
    }  # fmt: skip


# -- report ---------------------------------------------------------------------------------
def power_law_exponent(points: list[tuple[float, float]]) -> float | None:
    """b in cost = a · size^b, least squares in log-log space (None below two sizes)."""
    points = [(x, y) for x, y in points if x and y]
    if len(points) < 2:
        return None
    xs, ys = [math.log(x) for x, _ in points], [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx, 3)


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


def write_report(results: dict[str, Any]) -> None:
    sizes = results["sizes"]
    rows = [
        "| events | ingest s | transform s | dbt s | gate s | total s | events/s | peak RSS MiB "
        "| raw consume s | DuckDB bronze s | published |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for key in sorted(sizes, key=int):
        s = sizes[key]
        raw = s["clients"][results["clients"][0]]["raw_consume_s"]
        rows.append(
            f"| {s['events']:,} | {s['ingest_s']} | {s['transform_s']} | {s['dbt_s']} | "
            f"{s['gate_s']} | {s['total_s']} | {s['events_per_s']:,} | {s['peak_rss_mib']:,} | "
            f"{raw} | {s['duckdb_read_bronze_s']} | {'yes' if s['published'] else 'NO'} |"
        )
    clients = [
        "| events | client | raw consume events/s | ingest events/s | ratio | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for key in sorted(sizes, key=int):
        for name, c in sizes[key]["clients"].items():
            clients.append(
                f"| {sizes[key]['events']:,} | {name} | {c['raw_events_per_s']:,} | "
                f"{c['ingest_events_per_s']:,} | {c['ratio']} | {c['peak_rss_mib']:,} |"
            )
    live = results.get("live") or {}
    steps = ", ".join(
        f"{name.removesuffix('_s')} {seconds} s"
        for name, seconds in (live.get("cycle_steps_median_s") or {}).items()
    )
    exponents = results["exponents"]
    text = f"""# Benchmarks

Written by `make bench` (`bench/bench_all.py`) on {results["machine"]} at
{results["measured_at"]}; the raw figures are in `bench/results.json`. Sizes measured:
{", ".join(f"{int(k):,}" for k in sorted(sizes, key=int))} simulated `national` events
(`make bench SIZES="1000000 5000000 20000000"` for the issue's sizes).

## Empty lake to published marts

Ingest is Kafka → bronze with `{results["clients"][0]}`, from the first record to the last
batch committed; transform, dbt and gate are the stages of one `trappe build` (Spark's start
included in transform); total = ingest + build. Peak memory is the largest proportional set size
(PSS) of the process tree of either step (Python and Spark's JVM together). The floors beside
them: a bare consumer of the same client on the same topic, and DuckDB reading all of bronze once.

{chr(10).join(rows)}

Cost against size, fitted power-law exponent (1 = linear): {json.dumps(exponents)}

## Kafka clients

Each client ingests the same topic on the same broker; ratio = raw consume time / ingest time
(goal ≥ 0.7).

{chr(10).join(clients)}

## Incremental and live

- One more national day added and published (ingest + `trappe build`, incremental transform,
  a fresh Spark session): **{results["incremental_day_s"]} s**, against a full rebuild of
  **{results["full_rebuild_s"]} s** (goal: under 1/50), at {results["incremental_size"]:,} events.
- Live mode (`trappe run --kafka --follow --clock feed --cycle-seconds 10`),
  {live.get("scenario", "not run")} fed at {live.get("speed")}× real time for
  {live.get("fed_seconds")} s ({live.get("fed_events")} events, {live.get("published_of_them")}
  of {live.get("fed_with_event_id")} with an event_id seen in published marts): freshness p95
  **{results["freshness_p95_s"]} s** from an event's send to the topic to the publication of
  marts that include it (goal: under 60 s; max {live.get("freshness_max_s")} s; from its
  arrival in bronze {live.get("freshness_from_bronze_p95_s")} s), median cycle
  {live.get("cycle_s_median")} s ({steps or "none published"}),
  {live.get("failed_cycles")} failed cycles; the first cycle, on the
  {live.get("scenario", "")} stream's first 97 %, took {live.get("first_publication_s")} s.
"""
    REPORT.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--clients", nargs="+", default=["kafka-python", "confluent"])
    # herning-pilot at 20× real time is a few events a minute: ten minutes give a p95 of some
    # tens of events
    parser.add_argument("--live-seconds", type=float, default=600.0)
    parser.add_argument("--live-speed", type=float, default=20.0)
    parser.add_argument("--no-live", action="store_true")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "trappe-bench")
    args = parser.parse_args()

    env = dict(os.environ, TRAPPE_DEMO="1")
    env.pop("TRAPPE_PSEUDONYM_KEY", None)
    os.environ.update(TRAPPE_DEMO="1")
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "clients": args.clients,
        "sizes": {},
    }
    with LocalBroker(log_path=args.work / "kafka.log") as broker:
        for events in sorted(args.sizes):
            print(f"== {events:,} events", file=sys.stderr, flush=True)
            results["sizes"][str(events)] = bench_size(events, args.clients, broker, args.work, env)
            print(json.dumps(results["sizes"][str(events)]), file=sys.stderr, flush=True)
        live = None
        if not args.no_live:
            print("== live mode", file=sys.stderr, flush=True)
            live = bench_live(broker, args.work, env, args.live_seconds, args.live_speed)
    largest = results["sizes"][str(max(args.sizes))]
    points = [(s["events"], s) for s in results["sizes"].values()]
    results.update(
        freshness_p95_s=live["freshness_p95_s"] if live else None,
        incremental_day_s=largest["incremental_day_s"],
        full_rebuild_s=largest["build_s"],
        incremental_size=largest["events"],
        ingest_ratio=largest["ingest_ratio"],
        live=live,
        exponents={
            key: power_law_exponent([(n, s[key]) for n, s in points])
            for key in ("ingest_s", "transform_s", "dbt_s", "gate_s", "total_s", "peak_rss_mib")
        },
    )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    write_report(results)
    print(f"wrote {RESULTS} and {REPORT}", file=sys.stderr)


if __name__ == "__main__":
    main()
