"""Publication is atomic: a run that fails half-way leaves every reader on the previous release,
and the next run publishes the silver an uninterrupted run would have."""

from __future__ import annotations

import pytest

from tests.support.transform_lake import event, read_silver, retraction, write_batch
from transformations import job, run_transform
from transformations.schema import TABLES
from trappe.core import lakehouse
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark

FIRST = [
    event("a", "case.closed", "2015-01-05", "2015-01-05T10:00:00+01:00"),
    event("c", "ladder.moved", "2016-03-01", "2016-03-02T09:00:00+01:00"),
]
SECOND = [
    event("b", "case.closed", "2016-01-05", "2016-01-05T10:00:00+01:00"),
    # an earlier recorded copy of a: it replaces the stored one
    event("a", "case.closed", "2015-01-05", "2015-01-04T10:00:00+01:00", reason="moved"),
    retraction("r", "c", "2016-04-01T10:00:00+02:00"),
]


def _bronze(settings: Settings) -> None:
    write_batch(settings, "batch-1", FIRST)
    write_batch(settings, "batch-2", SECOND, ingest_date="2026-01-02")


def _snapshot(settings: Settings) -> dict[str, list[tuple]]:
    return {t: read_silver(settings, t) for t in ["events", *TABLES]}


def test_a_crash_mid_transform_leaves_the_previous_release(tmp_path, spark, monkeypatch):
    settings = Settings(home=tmp_path / "crash")
    write_batch(settings, "batch-1", FIRST)
    first = run_transform(settings, spark=spark)
    before = _snapshot(settings)
    write_batch(settings, "batch-2", SECOND, ingest_date="2026-01-02")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    # events is committed (a new Delta version), then the per-type tables fail
    monkeypatch.setattr(job, "write_type_tables", crash)
    with pytest.raises(OSError, match="disk full"):
        run_transform(settings, spark=spark)
    monkeypatch.undo()
    release = lakehouse.read_release(settings.silver_dir)
    assert release is not None and release.run_id == first.run_id
    events = settings.silver_dir / "events"
    assert lakehouse.current_version(events) == release.tables["events"] + 1  # committed…
    assert _snapshot(settings) == before  # …but no reader sees it

    retry = run_transform(settings, spark=spark)
    assert retry.mode == "incremental" and retry.bronze_versions == [1]
    assert retry.restored == {"events": release.tables["events"]}

    # the same silver as a run that was never interrupted
    clean = Settings(home=tmp_path / "clean")
    write_batch(clean, "batch-1", FIRST)
    run_transform(clean, spark=spark)
    write_batch(clean, "batch-2", SECOND, ingest_date="2026-01-02")
    run_transform(clean, spark=spark)
    after = _snapshot(settings)
    assert after == _snapshot(clean)
    assert [r[0] for r in after["case_closed"]] == ["a", "b"]
    assert "moved" in after["case_closed"][0]
    assert [r for r in after["events"] if r[0] == "c" and "r" in r]
