"""Ingestion throughput: Kafka → bronze beside the raw kafka-python consume rate.

Both read the same topic on the same local broker, from the first record received to the last
record done (the group join, ~3 s either way, is left out). "Done" means, for the raw consumer,
that the message value was touched; for ingestion, that its batch is validated, deduplicated,
appended to the bronze Delta table with its offsets in the same commit, and committed to Kafka.
The goal is a ratio ≥ 0.7.

Beside it, the embedded default: a simulated national JSON Lines file (`--file-events`) into
bronze, validated inline and with the default number of worker processes.

    .venv/bin/python -m bench.bench_ingest [--events 100000] [--file-events 1000000]
                                                                → bench/results/ingest.json
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

from ingestion.checking import DEFAULT_WORKERS
from ingestion.file_source import ingest_file
from ingestion.kafka_client import KafkaPythonConsumer, ensure_topics
from ingestion.kafka_source import DEFAULT_BATCH_RECORDS, KafkaIngest
from ingestion.local_broker import LocalBroker
from ingestion.producer import publish_lines
from tests.support import eventgen  # the tests' generator of valid contract events
from trappe.core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _count_lines(path: Path) -> int:
    with open(path, "rb") as lines:
        return sum(1 for _ in lines)


def _crc32c_implementation() -> str:
    # kafka-python checks every record batch's CRC-32C: in C with the `crc32c` package, else
    # in pure Python, which then takes most of a consumer's time
    from kafka.record import util

    return "C (crc32c package)" if util.crc32c_c is not None else "pure Python"


def raw_consume(bootstrap: str, topic: str, group: str, expected: int, batch: int) -> float:
    """Events/s of a bare kafka-python group member that only reads the values."""
    consumer = KafkaPythonConsumer(
        bootstrap, topic, group, start_positions=lambda partitions: {}, max_poll_records=batch
    )
    seen, first = 0, None
    while seen < expected:
        records = consumer.poll(batch, 500)
        if records and first is None:
            first = time.perf_counter()
        for record in records:
            len(record.value)
        seen += len(records)
    elapsed = time.perf_counter() - first
    consumer.close()
    return expected / elapsed


def ingest(
    bootstrap: str, topic: str, expected: int, batch: int, home: Path, workers: int
) -> tuple[float, dict]:
    job = KafkaIngest(
        Settings(home=home, demo=True),
        bootstrap,
        topic=topic,
        group=home.name,
        batch_records=batch,
        idle_seconds=5,
        workers=workers,
    )
    marks: dict[str, float] = {}
    poll, flush = job.consumer.poll, job.ingestor.flush

    def timed_poll(*args):
        records = poll(*args)
        if records and "first" not in marks:
            marks["first"] = time.perf_counter()
        return records

    def timed_flush():
        covered = flush()
        if job.ingestor.counts.read >= expected and "done" not in marks:
            marks["done"] = time.perf_counter()
        return covered

    job.consumer.poll, job.ingestor.flush = timed_poll, timed_flush
    _, counts = job.run()
    assert counts.written == expected, counts.summary()
    return expected / (marks["done"] - marks["first"]), {
        "read": counts.read,
        "written": counts.written,
        "batches": counts.batches,
    }


def file_ingest(events: int, tmp: Path) -> dict:
    """Events/s of `ingest_file` on a simulated national file, inline and with workers."""
    path = tmp / "national.jsonl"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "trappe.app.cli",
            "simulate",
            "--scenario",
            "national",
            "--events",
            str(events),
            "--out",
            str(path),
            "--no-progress",
        ],
        check=True,
    )
    result: dict = {
        "lines": _count_lines(path),
        "megabytes": round(path.stat().st_size / 1e6),
    }
    for workers in (0, DEFAULT_WORKERS):
        t0 = time.perf_counter()
        _, counts = ingest_file(
            Settings(home=tmp / f"file-lake-{workers}", demo=True), path, workers=workers
        )
        seconds = time.perf_counter() - t0
        assert counts.read == counts.written + counts.duplicates + counts.dead_letters_total
        result[f"workers_{workers}"] = {
            "seconds": round(seconds, 1),
            "events_per_s": round(counts.read / seconds),
        }
        print(f"file, {workers} workers: {counts.read / seconds:,.0f}/s", file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH_RECORDS,
        help="records a batch (default: ingestion's own, as `make bench` runs it)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="alternating raw/ingest rounds; the best of each is reported",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help="validation worker processes (0: inline)",
    )
    parser.add_argument(
        "--file-events",
        type=int,
        default=1_000_000,
        help="events of the simulated file for the file-source figure (0: skip)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    args = parser.parse_args()
    os.environ.setdefault("TRAPPE_DEMO", "1")

    lines = eventgen.to_lines(eventgen.valid_events(args.events))
    raw_rates, ingest_rates = [], []
    with LocalBroker() as broker, tempfile.TemporaryDirectory() as tmp:
        topic = "bench-case-events"
        ensure_topics(broker.bootstrap, [topic, topic + ".dlq"], partitions=3)
        t0 = time.perf_counter()
        publish_lines(broker.bootstrap, topic, lines)
        produce_rate = args.events / (time.perf_counter() - t0)
        for round_ in range(args.rounds):
            raw_rates.append(
                raw_consume(broker.bootstrap, topic, f"raw-{round_}", args.events, args.batch)
            )
            rate, _detail = ingest(
                broker.bootstrap,
                topic,
                args.events,
                args.batch,
                Path(tmp) / f"lake-{round_}",
                args.workers,
            )
            ingest_rates.append(rate)
            print(
                f"round {round_ + 1}: raw {raw_rates[-1]:,.0f}/s, ingest {rate:,.0f}/s",
                file=sys.stderr,
            )

    file_result = None
    if args.file_events:
        with tempfile.TemporaryDirectory() as tmp:
            file_result = file_ingest(args.file_events, Path(tmp))

    raw, ingested = max(raw_rates), max(ingest_rates)
    result = {
        "benchmark": "ingest",
        "events": args.events,
        "batch_records": args.batch,
        "validation_workers": args.workers,
        "partitions": 3,
        "broker": "apache kafka 4.4 (local, one KRaft node)",
        "produce_events_per_s": round(produce_rate),
        "raw_consume_events_per_s": round(raw),
        "ingest_events_per_s": round(ingested),
        "ratio": round(ingested / raw, 3),
        "goal_ratio": 0.7,
        "rounds": {
            "raw": [round(r) for r in raw_rates],
            "ingest": [round(r) for r in ingest_rates],
        },
        "crc32c": _crc32c_implementation(),
        "file_source": file_result,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_1m": round(os.getloadavg()[0], 2),
        },
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
