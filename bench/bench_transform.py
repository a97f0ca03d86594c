"""How long bronze -> silver takes for the `national` scenario, and how it grows with size.

For each size: simulate the events (`trappe simulate --scenario national --events N`), ingest
99 % of them into bronze (`trappe ingest --from`), then time

* `duckdb_floor_s`: DuckDB reading every column of that bronze once: the floor for any job
  that must look at all of it;
* `full_s`: a full transform (Spark session already up; its start-up is `spark_start_s`);
* `incremental_s`: the remaining 1 % ingested as a new batch, then an incremental transform,
  with the partitions it rewrote.

    .venv/bin/python -m bench.bench_transform --events 1000000 [5000000 20000000]

Results go to bench/results/transform.json (one entry per size, merged with earlier runs).
Generated data is kept under --work so a second run skips simulation and ingestion.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "transform.json"
TRAPPE = [sys.executable, "-m", "trappe.app.cli"]


def run_timed(args: list[str], env: dict) -> float:
    """Run a command in the project root; the seconds it took."""
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _split(source: Path, head: Path, tail: Path, tail_share: float) -> int:
    """The last `tail_share` of the lines go to `tail`: events that arrive after the first run.

    Streamed, two passes: a national file of 20 M events is 7 GB."""
    with source.open("rb") as lines:
        total = sum(1 for _ in lines)
    cut = int(total * (1 - tail_share))
    with source.open("rb") as lines, head.open("wb") as first, tail.open("wb") as rest:
        for number, line in enumerate(lines):
            (first if number < cut else rest).write(line)
    return total


def simulate_national(events: int, source: Path, env: dict) -> float:
    """The national scenario's `events` (seed 7) into `source`; the seconds it took."""
    command = [*TRAPPE, "simulate", "--scenario", "national", "--events", str(events)]
    return round(run_timed([*command, "--seed", "7", "--out", str(source)], env), 1)


def prepare(events: int, work: Path, env: dict) -> dict:
    base = work / f"national-{events}"
    base.mkdir(parents=True, exist_ok=True)
    source, head, tail = base / "events.jsonl", base / "head.jsonl", base / "tail.jsonl"
    timings = {}
    if not source.exists():
        timings["simulate_s"] = simulate_national(events, source, env)
    lines = _split(source, head, tail, 0.01)
    lake = base / "lake"
    if not (lake / "bronze" / "events").is_dir():
        timings["ingest_s"] = round(
            run_timed([*TRAPPE, "ingest", "--from", str(head), "--home", str(lake)], env), 1
        )
    # Remember how long generation took, for runs that reuse the data.
    recorded = base / "prepare.json"
    timings = {**(json.loads(recorded.read_text()) if recorded.exists() else {}), **timings}
    recorded.write_text(json.dumps(timings))
    return {"base": base, "lake": lake, "tail": tail, "lines": lines, **timings}


def duckdb_floor(bronze: Path) -> tuple[float, int]:
    import duckdb

    from trappe.core import lakehouse

    start = time.perf_counter()
    with duckdb.connect() as con:
        lakehouse.register_view(con, "bronze", bronze)  # the Delta table's newest version
        rows, *_ = con.execute(
            "select count(*), count(distinct event_id), sum(length(payload_json)), "
            "max(recorded_at), "
            "min(occurred_at), count(distinct case_id), count(child_id), count(caseworker_id), "
            "sum(schema_version), max(ingested_at), count(distinct event_type), "
            "count(municipality) "
            "from bronze"
        ).fetchone()
    return time.perf_counter() - start, rows


def bench(events: int, work: Path, env: dict, master: str) -> dict:
    import shutil

    from transformations import run_transform
    from transformations.spark import get_spark
    from trappe.core.settings import Settings

    prepared = prepare(events, work, env)
    settings = Settings(home=prepared["lake"])
    # Start every size from the same bronze: only the 99 % batch, no silver.
    shutil.rmtree(settings.silver_dir, ignore_errors=True)
    tail_marker = prepared["base"] / "tail-ingested"
    if tail_marker.exists():  # an earlier run ingested the tail: rebuild bronze without it
        shutil.rmtree(prepared["lake"])
        tail_marker.unlink()
        prepared = prepare(events, work, env)

    floor_s, bronze_rows = duckdb_floor(settings.bronze_dir)
    start = time.perf_counter()
    spark = get_spark(master)
    spark_start = time.perf_counter() - start
    full = run_transform(settings, full_refresh=True, spark=spark)

    ingest_tail_s = run_timed(
        [*TRAPPE, "ingest", "--from", str(prepared["tail"]), "--home", str(settings.home)], env
    )
    tail_marker.touch()
    incremental = run_transform(settings, spark=spark)
    return {
        "events_simulated": prepared["lines"],
        "bronze_rows_first_run": bronze_rows,
        "simulate_s": prepared.get("simulate_s"),
        "ingest_s": prepared.get("ingest_s"),
        "duckdb_floor_s": round(floor_s, 2),
        "spark_start_s": round(spark_start, 1),
        "full_s": full.duration_s,
        "full_rows_per_s": round(full.rows_in / full.duration_s),
        "full_vs_floor": round(full.duration_s / floor_s, 1),
        "full_partitions_written": sum(len(t.partitions_touched) for t in full.tables.values()),
        "silver_rows": full.tables["events"].rows_out,
        "duplicates_removed": full.duplicates_removed,
        "retractions_applied": full.retractions_applied,
        "tail_ingest_s": round(ingest_tail_s, 1),
        "incremental_rows_in": incremental.rows_in,
        "incremental_s": incremental.duration_s,
        "incremental_partitions_written": sum(
            len(t.partitions_touched) for t in incremental.tables.values()
        ),
        "incremental_partitions_untouched": sum(
            len(t.partitions_untouched) for t in incremental.tables.values()
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000])
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "trappe-bench"
    )
    parser.add_argument("--spark-master", default="local[*]")
    args = parser.parse_args()
    env = {**os.environ, "TRAPPE_DEMO": "1"}
    os.environ.update(env)

    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs = results.setdefault("runs", {})
    for n in args.events:
        result = bench(n, args.work, env, args.spark_master)
        result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        runs[str(n)] = result
        print(json.dumps({str(n): result}, indent=2), flush=True)
    results["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "spark_master": args.spark_master,
        "note": "2-core VM shared with other jobs; numbers are wall clock",
    }
    sizes = sorted(runs, key=int)
    if len(sizes) > 1:  # how the full run grows: seconds per million events at each size
        results["full_s_per_million_events"] = {
            s: round(runs[s]["full_s"] / (int(s) / 1e6), 1) for s in sizes
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
