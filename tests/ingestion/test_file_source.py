"""The JSON Lines source: validation path, bronze, dead letters, idempotency, crash recovery."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from ingestion.bronze import bronze_table
from ingestion.file_source import ingest_file
from ingestion.store import LakeStore
from tests.support import eventgen, lakeread
from trappe.contract import pseudonym_key, pseudonymise, validate_line
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
    _, again = ingest_file(lake, copy)  # same content: the same file, whatever its name
    assert again.read == 0
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


def test_a_crash_before_the_commit_point_is_undone_and_after_it_is_finished(lake, monkeypatch):
    batch = _bronze_batch(eventgen.to_lines(eventgen.valid_events(20, seed=3)))
    store = LakeStore(lake)
    manifest = {"streams": {"file:abc": [1, 20]}}

    def killed():
        raise KeyboardInterrupt("killed")

    # killed after staging, before the manifest: the batch must vanish
    with pytest.raises(KeyboardInterrupt):
        store.commit(
            "b1",
            bronze=batch,
            deadletters=None,
            ingest_date="2026-01-01",
            manifest=manifest,
            before_commit_point=killed,
        )
    assert (store.staging_dir / "b1").is_dir()
    assert store.recover() == ["discarded uncommitted batch b1"]
    assert lakeread.bronze(lake).num_rows == 0 and store.positions() == {}

    # killed after the manifest, before the files were renamed into bronze: roll forward
    with monkeypatch.context() as m:
        m.setattr(LakeStore, "_publish", lambda self, staged, manifest: None)
        store.commit(
            "b2", bronze=batch, deadletters=None, ingest_date="2026-01-01", manifest=manifest
        )
    assert lakeread.bronze(lake).num_rows == 0
    assert store.recover() == ["rolled forward batch b2"]
    assert lakeread.bronze(lake).num_rows == 20
    assert store.positions() == {"file:abc": 20}
    assert store.recover() == []


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
