"""Publication is atomic: a run that fails half-way leaves the previous silver in place."""

from __future__ import annotations

import pytest

from tests.support.transform_lake import event, read_silver, write_batch
from transformations import job, run_transform
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark


def test_failed_run_publishes_nothing_and_the_next_run_recovers(tmp_path, spark, monkeypatch):
    settings = Settings(home=tmp_path)
    write_batch(
        settings, "batch-1", [event("a", "case.closed", "2015-01-05", "2015-01-05T10:00:00+01:00")]
    )
    first = run_transform(settings, spark=spark)
    write_batch(
        settings,
        "batch-2",
        [event("b", "case.closed", "2016-01-05", "2016-01-05T10:00:00+01:00")],
        ingest_date="2026-01-02",
    )

    def crash(*args, **kwargs):
        raise OSError("disk full")

    # events is written into the new version, then the per-type tables fail
    monkeypatch.setattr(job, "write_type_tables", crash)
    with pytest.raises(OSError, match="disk full"):
        run_transform(settings, spark=spark)
    monkeypatch.undo()
    assert settings.silver_dir.resolve().name == first.run_id
    assert [r[0] for r in read_silver(settings, "events")] == ["a"]
    assert len(list(settings.silver_versions_dir.iterdir())) == 2  # the unfinished one, unseen

    retry = run_transform(settings, spark=spark)
    assert retry.mode == "incremental" and retry.input_files == [
        "ingest_date=2026-01-02/batch-2.parquet"
    ]
    assert [r[0] for r in read_silver(settings, "case_closed")] == ["a", "b"]
    # the unfinished version is collected; the previous one is kept for readers that hold it
    assert sorted(p.name for p in settings.silver_versions_dir.iterdir()) == [
        first.run_id,
        retry.run_id,
    ]
