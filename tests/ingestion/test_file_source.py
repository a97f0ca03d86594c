"""The JSON Lines source: validation path, bronze, dead letters, idempotency, crash recovery."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime

import duckdb
import pyarrow as pa
import pytest
from deltalake import DeltaTable

from ingestion.bronze import bronze_table
from ingestion.file_source import ingest_file
from ingestion.store import LakeStore, batch_record
from tests.support import eventgen, lakeread
from trappe.contract import pseudonym_key, pseudonymise, validate_line
from trappe.core import lakehouse
from trappe.core.settings import Settings


@pytest.fixture
def scenario_file(tmp_path):
    lines, valid_ids, bad = eventgen.scenario(300)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n\n")  # a trailing blank line is no record
    return path, lines, valid_ids, bad


def test_file_round_trip_sorts_every_record_where_the_contract_says(lake, scenario_file):
    path, lines, valid_ids, bad = scenario_file
    run_id, counts = ingest_file(lake, path, batch_records=100)

    bronze = lakeread.bronze(lake)
    assert sorted(bronze.column("event_id").to_pylist()) == sorted(valid_ids)  # once each
    assert set(bronze.column("source_kind").to_pylist()) == {"file"}
    assert bronze.column("source_line").null_count == 0

    dead = lakeread.deadletters(lake)
    assert sorted(
        zip(dead.column("error_code").to_pylist(), dead.column("error_field").to_pylist()), key=str
    ) == sorted(bad, key=str)
    for row in dead.to_pylist():
        # one line naming the record's coordinates and (when there is one) the field
        assert row["reason"].startswith(f"{path}:{row['source_line']}: ")
        assert "\n" not in row["reason"]
        if row["error_field"]:
            assert f"field '{row['error_field']}'" in row["reason"]
        assert (
            lines[row["source_line"] - 1]
            .decode("utf-8", "replace")
            .replace(eventgen.TEST_CPR, "[CPR]")
            == row["raw"]
        )

    # the run record reconciles: read = written + duplicates + dead letters
    (record,) = lakeread.run_records(lake)
    assert record["run_id"] == run_id and record["status"] == "completed"
    assert record["read"] == len(lines) == counts.read
    assert record["written"] == len(valid_ids)
    assert record["duplicates"] == 1
    assert record["dead_letters_by_reason"] == dict(Counter(code for code, _ in bad))
    assert record["read"] == record["written"] + record["duplicates"] + record["dead_letters"]


def test_a_cpr_becomes_a_pseudonym_and_is_stored_nowhere(lake, scenario_file, capfd):
    path, lines, _valid_ids, _ = scenario_file
    ingest_file(lake, path, batch_records=100)
    first = next(e for e in map(json.loads, lines[:20]) if "cpr" in e)
    row = next(r for r in lakeread.bronze(lake).to_pylist() if r["event_id"] == first["event_id"])
    assert row["child_id"] == pseudonymise(eventgen.TEST_CPR, pseudonym_key(Settings.from_env()))
    text = lakeread.lake_text(lake) + capfd.readouterr().err
    digits = eventgen.TEST_CPR.replace("-", "")
    assert eventgen.TEST_CPR not in text and digits not in text
    assert "[CPR]" in text  # the dead letter with a CPR in free text, masked


def test_ingesting_the_same_file_again_writes_nothing(lake, scenario_file, tmp_path):
    path, _lines, valid_ids, bad = scenario_file
    ingest_file(lake, path, batch_records=100)
    copy = tmp_path / "renamed.jsonl"
    shutil.copy(path, copy)
    version = lakehouse.current_version(lake.bronze_dir)
    _, again = ingest_file(lake, copy)  # same content: the same file, whatever its name
    assert again.read == 0
    assert lakehouse.current_version(lake.bronze_dir) == version  # not even an empty commit
    assert lakeread.bronze(lake).num_rows == len(valid_ids)
    assert lakeread.deadletters(lake).num_rows == len(bad)


def test_an_extended_file_adds_only_its_new_events(lake, tmp_path):
    events = eventgen.valid_events(500, seed=11)
    first, second = tmp_path / "day1.jsonl", tmp_path / "day1-and-2.jsonl"
    first.write_bytes(b"\n".join(eventgen.to_lines(events[:300])))
    second.write_bytes(b"\n".join(eventgen.to_lines(events)))
    ingest_file(lake, first)
    _, counts = ingest_file(lake, second, batch_records=64)
    assert (counts.read, counts.written, counts.duplicates) == (500, 200, 300)
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == 500


@pytest.mark.parametrize("workers", [1, 2])
def test_validation_in_worker_processes_gives_the_same_lake_as_inline(
    tmp_path, scenario_file, workers
):
    path = scenario_file[0]
    inline = Settings(home=tmp_path / "inline", demo=True)
    pooled = Settings(home=tmp_path / "pooled", demo=True)
    _, inline_counts = ingest_file(inline, path, batch_records=100, workers=0)
    _, pooled_counts = ingest_file(pooled, path, batch_records=100, workers=workers)
    assert pooled_counts.summary() == inline_counts.summary()
    assert lakeread.event_rows(lakeread.bronze(pooled)) == lakeread.event_rows(
        lakeread.bronze(inline)
    )
    assert (
        lakeread.bronze(pooled).column("source_line").to_pylist()
        == lakeread.bronze(inline).column("source_line").to_pylist()
    )  # in file order
    columns = ["reason", "error_code", "error_field", "event_id", "raw", "source_line"]
    assert (
        lakeread.deadletters(pooled).select(columns).to_pylist()
        == lakeread.deadletters(inline).select(columns).to_pylist()
    )


def _bronze_batch(lines: list[bytes]) -> pa.Table:
    now = datetime.now(UTC)
    events = [
        validate_line(line, key=pseudonym_key(Settings.from_env()), ingested_at=now)
        for line in lines
    ]
    return bronze_table(
        [(e, {"source_kind": "file"}) for e in events], ingested_at=now, ingest_run_id="test"
    )


def test_a_batch_is_in_bronze_with_its_position_or_not_at_all(lake):
    batch = _bronze_batch(eventgen.to_lines(eventgen.valid_events(20, seed=3)))
    store = LakeStore(lake)
    record = {"run_id": "test", "counts": {"read": 20}}

    def killed():
        raise KeyboardInterrupt("killed")

    # killed before the commit point: no row, no position
    with pytest.raises(KeyboardInterrupt):
        store.commit(
            "b1",
            bronze=batch,
            deadletters=None,
            positions={"file:abc": 20},
            deadletter_positions={},
            record=record,
            before_commit_point=killed,
        )
    assert lakeread.bronze(lake).num_rows == 0 and store.positions(["file:abc"]) == {}

    # committed: the rows, the position and the batch's record in one Delta commit
    committed = store.commit(
        "b2",
        bronze=batch,
        deadletters=None,
        positions={"file:abc": 20},
        deadletter_positions={},
        record=record,
    )
    assert lakeread.bronze(lake).num_rows == 20
    assert store.position("file:abc") == 20
    assert committed.version == DeltaTable(str(lake.bronze_dir)).version()
    assert committed.files == sorted(lakehouse.data_files(DeltaTable(str(lake.bronze_dir))))
    (commit,) = [c for c in lakehouse.history(lake.bronze_dir) if c["version"] == 1]
    assert batch_record(commit) == {**record, "kind": "trappe.ingest_batch", "batch_id": "b2"}

    # a batch without a new event still moves the position: bronze's commits are the truth
    store.commit(
        "b3",
        bronze=batch.slice(0, 0),
        deadletters=None,
        positions={"file:abc": 25},
        deadletter_positions={},
        record=record,
    )
    assert lakeread.bronze(lake).num_rows == 20 and store.position("file:abc") == 25
    assert [b["batch_id"] for b in store.batches()] == ["b2", "b3"]


def test_each_row_knows_its_batch_and_its_place_in_it(lake, scenario_file):
    path, *_ = scenario_file
    ingest_file(lake, path, batch_records=100)
    for table in (lakeread.bronze(lake), lakeread.deadletters(lake)):
        by_batch: dict[str, list[int]] = {}
        for row in table.select(["ingest_batch_id", "ingest_row", "ingest_date"]).to_pylist():
            by_batch.setdefault(row["ingest_batch_id"], []).append(row["ingest_row"])
            assert row["ingest_batch_id"].startswith(row["ingest_date"].replace("-", ""))
        assert len(by_batch) > 1
        assert all(rows == list(range(len(rows))) for rows in by_batch.values())
    # the batch ids sort as the batches were committed
    committed = [b["batch_id"] for b in LakeStore(lake).batches()]
    assert committed == sorted(committed) and len(committed) == 4


def test_an_outside_reader_sees_what_the_ingest_wrote(lake, scenario_file):
    path, *_ = scenario_file
    _, counts = ingest_file(lake, path, batch_records=100)
    bronze = DeltaTable(str(lake.bronze_dir)).to_pyarrow_table()
    dead = DeltaTable(str(lake.deadletter_dir)).to_pyarrow_table()
    assert bronze.num_rows == counts.written and dead.num_rows == counts.dead_letters_total
    with duckdb.connect() as con:
        assert lakehouse.register_view(con, "bronze", lake.bronze_dir)
        assert lakehouse.register_view(con, "dead", lake.deadletter_dir)
        assert con.execute("SELECT count(DISTINCT event_id) FROM bronze").fetchone() == (
            counts.written,
        )
        assert con.execute("SELECT count(*) FROM dead").fetchone() == (counts.dead_letters_total,)
        scan = lakehouse.parquet_scan_sql(lake.bronze_dir)
        assert con.execute(f"SELECT count(*) FROM {scan}").fetchone() == (counts.written,)
    # and bronze's commits count what the run counted
    batches = LakeStore(lake).batches()
    assert sum(b["counts"]["written"] for b in batches) == counts.written
    assert sum(b["counts"]["read"] for b in batches) == counts.read


KILL_BETWEEN_THE_APPENDS = """
import sys
from pathlib import Path
from ingestion.file_source import ingest_file
from tests.support.kill_between_appends import die_between_the_appends
from trappe.core.settings import Settings

settings = Settings(home=Path(sys.argv[1]), demo=True)
die_between_the_appends()
ingest_file(settings, sys.argv[2], batch_records=100, workers=0)
"""


def test_a_kill_between_the_dead_letters_and_bronze_stores_no_dead_letter_twice(
    lake, scenario_file
):
    path, lines, valid_ids, bad = scenario_file
    killed = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN_THE_APPENDS, str(lake.home), str(path)],
        env=dict(os.environ, TRAPPE_DEMO="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr[-2000:]
    # the killed batch's dead letters are stored; bronze's position is before them
    stream = "file:" + hashlib.sha256(path.read_bytes()).hexdigest()
    in_bronze = LakeStore(lake).position(stream)
    assert in_bronze is not None
    lines_dead = lakeread.deadletters(lake).column("source_line").to_pylist()
    assert max(lines_dead) > in_bronze

    ingest_file(lake, path, batch_records=100, workers=0)
    dead = lakeread.deadletters(lake)
    assert sorted(dead.column("source_line").to_pylist()) == sorted(
        set(dead.column("source_line").to_pylist())
    )
    assert dead.num_rows == len(bad)
    ids = lakeread.bronze(lake).column("event_id").to_pylist()
    assert len(ids) == len(set(ids)) == len(valid_ids)
    # the killed run's record is closed from bronze's commits; every record reconciles and
    # the two count every record once
    runs = lakeread.run_records(lake)
    assert sorted(r["status"] for r in runs) == ["completed", "interrupted"]
    for run in runs:
        assert run["read"] == run["written"] + run["duplicates"] + run["dead_letters"]
    assert sum(r["read"] for r in runs) == len(lines)
    assert sum(r["dead_letters"] for r in runs) == len(bad)
    assert sum(r["written"] for r in runs) == len(valid_ids)


def test_cli_refuses_to_run_without_a_pseudonym_key(tmp_path, scenario_file, monkeypatch):
    path = scenario_file[0]
    env = {k: v for k, v in os.environ.items() if k not in ("TRAPPE_DEMO", "TRAPPE_PSEUDONYM_KEY")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trappe.app.cli",
            "ingest",
            "--from",
            str(path),
            "--home",
            str(tmp_path / "lake"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "TRAPPE_PSEUDONYM_KEY is not set" in done.stderr
    assert not (tmp_path / "lake" / "bronze").exists()


def test_cli_ends_with_a_one_line_summary(tmp_path, scenario_file):
    path, lines, valid_ids, bad = scenario_file
    env = dict(os.environ, TRAPPE_PSEUDONYM_KEY="municipality-secret")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trappe.app.cli",
            "ingest",
            "--from",
            str(path),
            "--home",
            str(tmp_path / "lake"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert (
        f"read {len(lines)}, written {len(valid_ids)}, duplicates 1, dead letters {len(bad)}"
        in summary
    )
    assert "cpr_in_text 1" in summary and "malformed_json 2" in summary
