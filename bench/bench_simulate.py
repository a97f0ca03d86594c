"""Benchmark: simulator events/s, and validator events/s on its output.

    .venv/bin/python -m bench.bench_simulate [--events 300000] [--validate 50000]

Runs the national scenario at a modest size into a temporary file (single-threaded), then
passes lines of the output through `trappe.contract.validate_line`. Wall-clock and CPU time are
both reported: on a shared machine the CPU figure is the simulator's own speed.
Writes bench/results/simulate.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

from trappe.contract import validate_line
from trappe.contract.cpr import DEMO_KEY
from trappe.simulate import build_scenario, simulate_to_file

RESULTS = Path(__file__).resolve().parent / "results" / "simulate.json"


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--validate", type=int, default=50_000, help="lines to validate")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        scenario = build_scenario(
            "national", municipalities=args.municipalities, years=(2019, 2023), events=args.events
        )
        summary, wall, cpu = _timed(lambda: simulate_to_file(path, scenario, seed=1))
        size = path.stat().st_size
        with open(path, "rb") as f:
            sample = [line for _, line in zip(range(args.validate), f)]
        rejected, v_wall, v_cpu = _timed(
            lambda: sum(
                1 for line in sample if not hasattr(validate_line(line, key=DEMO_KEY), "event_type")
            )
        )
        pilot = build_scenario("herning-pilot")
        pilot_summary, p_wall, p_cpu = _timed(
            lambda: simulate_to_file(Path(tmp) / "pilot.jsonl", pilot, seed=1)
        )

    results = {
        "benchmark": "simulate",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "national": {
            "municipalities": args.municipalities,
            "years": "2019-2023",
            "requested_events": args.events,
            "lines": summary.lines,
            "bytes": size,
            "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2),
            "events_per_s_wall": round(summary.lines / wall),
            "events_per_s_cpu": round(summary.lines / cpu),
        },
        "herning_pilot": {
            "lines": pilot_summary.lines,
            "wall_s": round(p_wall, 2),
            "cpu_s": round(p_cpu, 2),
        },
        "validate_line": {
            "lines": len(sample),
            "rejected": rejected,
            "wall_s": round(v_wall, 2),
            "cpu_s": round(v_cpu, 2),
            "events_per_s_wall": round(len(sample) / v_wall),
            "events_per_s_cpu": round(len(sample) / v_cpu),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    json.dump(results, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
