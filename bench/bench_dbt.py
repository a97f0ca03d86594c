"""How long `dbt build` (all marts, unit and data tests) takes on silver, and its peak memory.

For each size the silver lake comes from the `national` scenario, prepared exactly as
bench/bench_transform.py does it and in the same work directory (so the two benchmarks share
data): `trappe simulate --scenario national --events N`, `trappe ingest`, `trappe transform`.
Then `trappe.warehouse.dbt_build` runs in a fresh process (as the pipeline would) and we record
its wall time, the dbt-reported node count, the peak resident memory of that process (DuckDB runs
inside it) and the kpi_values row count.

    .venv/bin/python -m bench.bench_dbt --events 1000000 [5000000 20000000]
    .venv/bin/python -m bench.bench_dbt --lake PATH      # an existing lake with silver

Results go to bench/results/dbt.json (one entry per size, merged with earlier runs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.bench_transform import TRAPPE, simulate_national
from bench.bench_transform import run_timed as _run

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "dbt.json"

BUILD = """
import json, sys, duckdb
from trappe.core.settings import settings
from trappe.warehouse import dbt_build
s = settings(sys.argv[1])
r = dbt_build(s, threads=int(sys.argv[2]))
con = duckdb.connect(str(r.database), read_only=True)
rows = con.execute("select count(*) from kpi_values").fetchone()[0]
episodes = con.execute("select count(*) from int_measure_episodes").fetchone()[0]
print(json.dumps({"dbt_seconds": r.seconds, "nodes": r.nodes, "kpi_values_rows": rows,
                  "measure_episodes": episodes}))
"""


def prepare(events: int, work: Path, env: dict) -> tuple[Path, dict]:
    """A lake with silver for `events` national-scenario events (reused when already there)."""
    base = work / f"national-{events}"
    base.mkdir(parents=True, exist_ok=True)
    lake = base / "lake"
    timings: dict = {}
    if (lake / "silver" / "events").is_dir():
        return lake, timings
    source = base / "events.jsonl"
    if not source.exists():
        timings["simulate_s"] = simulate_national(events, source, env)
    if not (lake / "bronze" / "events").is_dir():
        timings["ingest_s"] = round(
            _run([*TRAPPE, "ingest", "--from", str(source), "--home", str(lake)], env), 1
        )
    timings["transform_s"] = round(_run([*TRAPPE, "transform", "--home", str(lake)], env), 1)
    return lake, timings


def bench(
    events: int | None, work: Path, threads: int, env: dict, lake: Path | None = None
) -> dict:
    timings: dict = {}
    if lake is None:
        lake, timings = prepare(events, work, env)
    silver_events = subprocess.run(
        [
            sys.executable,
            "-c",
            'import duckdb,sys; print(duckdb.sql(f"select count(*) from read_parquet('
            "'{sys.argv[1]}/silver/events/*/*.parquet')\").fetchall()[0][0])",
            str(lake),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    (lake / "warehouse" / "staging.duckdb").unlink(missing_ok=True)  # a full build, not an update
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(lake), str(threads)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "lake": str(lake),
        "events": events if events is not None else int(silver_events),
        "silver_events": int(silver_events),
        "wall_s": round(wall, 1),
        "dbt_build_s": round(stats["dbt_seconds"], 1),
        # ru_maxrss of children is the largest child so far: only meaningful when it grew here
        "peak_rss_mib": round(peak_kib / 1024) if peak_kib > before else None,
        "nodes": stats["nodes"],
        "kpi_values_rows": stats["kpi_values_rows"],
        "measure_episodes": stats["measure_episodes"],
        "threads": threads,
        "prepare": timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000])
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "trappe-bench"
    )
    parser.add_argument(
        "--lake",
        type=Path,
        default=None,
        help="Benchmark an existing lake with silver instead (e.g. a herning-pilot run).",
    )
    parser.add_argument("--threads", type=int, default=max(2, os.cpu_count() or 2))
    args = parser.parse_args()
    env = {**os.environ, "TRAPPE_DEMO": "1"}  # simulated data: the demo pseudonym key
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs = [(None, args.lake)] if args.lake else [(n, None) for n in sorted(args.events)]
    for n, lake in runs:
        result = bench(n, args.work, args.threads, env, lake)
        n = result["events"]
        result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
        results[str(n)] = result
        print(json.dumps(result))
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
