"""Live mode's lag bookkeeping reads when each bronze version's batch arrived (its change feed)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.support.transform_lake import event, write_batch
from trappe.app.live import LiveRun, arrival_times
from trappe.core.settings import Settings


def test_arrival_times_are_per_bronze_version(tmp_path):
    settings = Settings(home=tmp_path)
    assert arrival_times(settings.bronze_dir, [0]) == []  # no bronze yet
    first = datetime(2026, 1, 1, 8, tzinfo=UTC)
    second = datetime(2026, 1, 2, 9, tzinfo=UTC)
    one = [event("a", "case.closed", "2015-01-05", "2015-01-05T10:00:00+01:00")]
    two = [
        event("b", "case.closed", "2016-01-05", "2016-01-05T10:00:00+01:00"),
        event("c", "case.closed", "2016-01-06", "2016-01-06T10:00:00+01:00"),
    ]
    assert write_batch(settings, "batch-1", one, ingested_at=first) == 0
    assert write_batch(settings, "batch-2", two, "2026-01-02", ingested_at=second) == 1
    assert arrival_times(settings.bronze_dir, [0, 1]) == [(first, 1), (second, 2)]
    assert arrival_times(settings.bronze_dir, [1]) == [(second, 2)]
    assert arrival_times(settings.bronze_dir, []) == []


def test_bronze_has_data_once_a_batch_is_committed(tmp_path):
    settings = Settings(home=tmp_path)
    run = LiveRun(settings, "127.0.0.1:9")
    assert not run._bronze_has_data()
    closed = event("a", "case.closed", "2015-01-05", "2015-01-05T10:00:00+01:00")
    write_batch(settings, "batch-1", [closed])
    assert run._bronze_has_data()
