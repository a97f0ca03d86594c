"""How much the quality gate adds to a build: validation time against build time.

Generates a national-scenario lake (simulate → ingest), times the build (Spark transform and
dbt), then times the quality gate on it (every suite, results, data docs, verdict, publish).
Goal: the gate adds at most 25 % to the build. Writes bench/results/bench_validate.json.

    .venv/bin/python -m bench.bench_validate --events 200000
    .venv/bin/python -m bench.bench_validate --home /data/lake --build-seconds 900   # a built lake
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trappe.core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

RESULTS = ROOT / "bench" / "results" / "bench_validate.json"
TRAPPE = [sys.executable, "-m", "trappe.app.cli"]


def generate(home: Path, events: int, municipalities: int, seed: int) -> dict:
    env = {**os.environ, "TRAPPE_DEMO": "1", "PYTHONPATH": str(ROOT)}
    source = home / "input" / "national.jsonl"
    source.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            *TRAPPE,
            "simulate",
            "--scenario",
            "national",
            "--events",
            str(events),
            "--municipalities",
            str(municipalities),
            "--seed",
            str(seed),
            "--out",
            str(source),
            "--no-progress",
        ],
        check=True,
        env=env,
    )
    simulated = time.perf_counter()
    subprocess.run(
        [*TRAPPE, "ingest", "--from", str(source), "--home", str(home)], check=True, env=env
    )
    return {
        "simulate_seconds": round(simulated - started, 1),
        "ingest_seconds": round(time.perf_counter() - simulated, 1),
    }


def build(settings: Settings) -> dict:
    from transformations import run_transform
    from trappe.warehouse import dbt_build

    out: dict = {}
    started = time.perf_counter()
    run_transform(settings, full_refresh=True)
    out["transform_seconds"] = round(time.perf_counter() - started, 1)
    dbt_started = time.perf_counter()
    try:
        dbt_build(settings)
    except Exception as exc:  # a failing dbt test still leaves most marts to validate
        out["dbt_error"] = str(exc).splitlines()[0]
    out["dbt_seconds"] = round(time.perf_counter() - dbt_started, 1)
    out["build_seconds"] = round(time.perf_counter() - started, 1)
    return out


def bronze_rows(settings: Settings) -> int:
    import duckdb

    from trappe.core import lakehouse

    with duckdb.connect() as con:
        if not lakehouse.register_view(con, "bronze", settings.bronze_dir):
            return 0
        row = con.execute("SELECT count(*) FROM bronze").fetchone()
    return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="An existing lake to validate (skips generating it).",
    )
    parser.add_argument(
        "--build-seconds",
        type=float,
        default=None,
        help="The build time to compare with (skips timing a build).",
    )
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="bench-validate-")) / "lake"
    settings = Settings(home=home.resolve())
    record: dict = {"host": platform.node(), "cpus": os.cpu_count(), "home": str(home)}
    if args.home is None:
        record.update(events_requested=args.events, municipalities=args.municipalities)
        record.update(generate(settings.home, args.events, args.municipalities, args.seed))
    if args.build_seconds is None:
        record.update(build(settings))
    else:
        record["build_seconds"] = args.build_seconds
    record["bronze_rows"] = bronze_rows(settings)

    started = time.perf_counter()
    import great_expectations  # noqa: F401  (a build process pays this once)

    record["gx_import_seconds"] = round(time.perf_counter() - started, 1)

    from expectations.gate import validate_and_publish

    started = time.perf_counter()
    result = validate_and_publish(settings)
    gate_seconds = time.perf_counter() - started
    slowest = sorted(result.report.results, key=lambda r: r.seconds, reverse=True)[:5]
    record.update(
        gate_seconds=round(gate_seconds, 1),
        gate_with_import_seconds=round(gate_seconds + record["gx_import_seconds"], 1),
        queries_seconds=round(sum(r.seconds for r in result.report.results), 2),
        slowest_checks={r.name: round(r.seconds, 2) for r in slowest},
        verdict=result.verdict,
        failed_checks=[r.name for r in result.report.critical_failures + result.report.warnings],
        overhead_share=round(
            (gate_seconds + record["gx_import_seconds"]) / record["build_seconds"], 3
        ),
        goal_overhead_share=0.25,
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
