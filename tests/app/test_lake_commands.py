"""`trappe lake history | compact | vacuum` on a real Delta table, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, write_deltalake

from ingestion.store import BATCH_KIND
from tests.support.cli import trappe_argv
from trappe.app.commands.lake import _keep_versions
from trappe.core.lakehouse import BRONZE_PARTITION, SilverRelease, read_release, write_release
from trappe.core.settings import settings as make_settings

BATCHES = 6


def _trappe(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        trappe_argv("lake", *args, "--home", str(home)),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _small_table(path: Path) -> None:
    """A table of BATCHES appends, one small file each, as ingestion leaves bronze."""
    for batch in range(BATCHES):
        rows = pa.table(
            {
                "event_id": [f"e{batch}-{i}" for i in range(50)],
                BRONZE_PARTITION: ["2026-01-01"] * 50,
            }
        )
        write_deltalake(
            path,
            rows,
            mode="append",
            partition_by=[BRONZE_PARTITION],
            commit_properties=CommitProperties(
                custom_metadata={
                    "userMetadata": json.dumps({"kind": BATCH_KIND, "run_id": f"r{batch}"})
                }
            ),
        )


def test_history_compact_and_vacuum(tmp_path: Path) -> None:
    home = tmp_path / "lake"
    bronze = home / "bronze" / "events"
    _small_table(bronze)

    shown = _trappe(home, "history", "--table", "bronze", "--limit", "3")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("bronze")
    assert len(lines) == 4  # the table, then its newest three commits, newest first
    assert "v5" in lines[1] and "50 rows" in lines[1] and "r5" in lines[1]

    before = DeltaTable(bronze)
    assert len(before.file_uris()) == BATCHES
    compacted = _trappe(home, "compact")
    assert compacted.returncode == 0, compacted.stderr
    assert f"bronze: {BATCHES} files compacted into 1" in compacted.stdout
    after = DeltaTable(bronze)
    assert after.version() == before.version() + 1
    assert len(after.file_uris()) == 1
    assert after.to_pyarrow_table().num_rows == BATCHES * 50
    # the compaction adds no row: the change feed from the version after it is empty
    assert after.load_cdf(starting_version=after.version()).read_all().num_rows == 0

    # the replaced files are a week younger than the retention: nothing goes
    kept = _trappe(home, "vacuum", "--dry-run")
    assert kept.returncode == 0, kept.stderr
    assert "bronze: would delete 0 files" in kept.stdout

    # time travel still reads the version before the compaction
    assert DeltaTable(bronze, version=before.version()).to_pyarrow_table().num_rows == 300


def test_unsafe_retention_and_unknown_table_are_one_line(tmp_path: Path) -> None:
    home = tmp_path / "lake"
    _small_table(home / "bronze" / "events")
    refused = _trappe(home, "vacuum", "--retention-hours", "1")
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "retention" in refused.stderr and "bronze" in refused.stderr
    assert len(DeltaTable(home / "bronze" / "events").file_uris()) == BATCHES

    unknown = _trappe(home, "history", "--table", "silver.nope")
    assert unknown.returncode != 0
    assert "no Delta table silver.nope" in unknown.stderr and "bronze" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_compacting_silver_moves_its_release_and_vacuum_keeps_what_readers_need(
    tmp_path: Path,
) -> None:
    """A compacted silver table is the same rows: the release follows it (or the next transform
    would restore the table, undoing the compaction); vacuum keeps silver's release version and
    the bronze versions silver has not read."""
    home = tmp_path / "lake"
    events = home / "silver" / "events"
    for year in (2015, 2016, 2016):
        write_deltalake(
            events,
            pa.table({"event_id": [f"{year}-{i}" for i in range(10)], "event_year": [year] * 10}),
            mode="append",
            partition_by=["event_year"],
        )
    _small_table(home / "bronze" / "events")
    release = SilverRelease(run_id="r1", bronze_version=3, tables={"events": 2})
    write_release(home / "silver", release)

    compacted = _trappe(home, "compact", "--table", "silver.events")
    assert compacted.returncode == 0, compacted.stderr
    moved = read_release(home / "silver")
    assert moved is not None and moved.tables == {"events": 3}
    assert moved.run_id == "r1" and moved.bronze_version == 3
    assert DeltaTable(events, version=3).to_pyarrow_table().num_rows == 30

    assert _keep_versions(make_settings(home), "bronze", home / "bronze" / "events") == [4, 5]
    assert _keep_versions(make_settings(home), "silver.events", events) == [3]
