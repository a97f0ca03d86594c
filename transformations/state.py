"""One record per transform run (what it read, what it wrote); what silver holds is its release.

Which bronze version silver has read up to is not kept here but in silver's release
(`trappe.core.lakehouse.SilverRelease.bronze_version`), written in the same atomic step that
publishes the tables: the two cannot disagree after a crash.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from trappe.core.settings import Settings
from trappe.core.storage import write_json_atomically


@dataclass
class TableStats:
    rows_in: int = 0  # bronze rows of this event type read by the run (all types for `events`)
    rows_out: int = 0  # rows in the published table
    rows_written: int = 0  # rows in the partitions this run rewrote
    partitions_touched: list[int] = field(default_factory=list)
    partitions_untouched: list[int] = field(default_factory=list)  # left as they were
    version: int | None = None  # the table's Delta version in the release


@dataclass
class RunRecord:
    run_id: str
    mode: str  # "full", "incremental" or "noop"
    started_at: str
    finished_at: str = ""
    duration_s: float = 0.0
    spark_master: str | None = None
    # the bronze versions whose rows the run read (a full refresh: the snapshot of the last)
    bronze_versions: list[int] = field(default_factory=list)
    bronze_version: int | None = None  # the version silver now holds every row of
    rows_in: int = 0
    duplicates_removed: int = 0
    retractions_applied: int = 0
    release: str | None = None  # the run id of the silver release after the run
    previous_release: str | None = None
    # tables a crashed run had committed past their release, restored before this run worked
    restored: dict[str, int] = field(default_factory=dict)
    tables: dict[str, TableStats] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    def save(self, settings: Settings) -> Path:
        path = settings.transform_runs_dir / f"{self.run_id}.json"
        write_json_atomically(self.to_dict(), path)
        return path
