"""Durable bookkeeping: which bronze files silver holds, and one record per run."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from trappe.core.settings import Settings
from trappe.core.storage import write_json_atomically

STATE_FORMAT = 1


def list_bronze_files(bronze_dir: Path) -> list[str]:
    """Every finished bronze file, as a path relative to bronze_dir, in bronze file order.

    Hidden and `_`-prefixed names are a writer's temporary files, not yet part of bronze.
    """
    if not bronze_dir.is_dir():
        return []
    files = []
    for path in bronze_dir.rglob("*.parquet"):
        relative = path.relative_to(bronze_dir)
        if not any(part.startswith((".", "_")) for part in relative.parts):
            files.append(relative.as_posix())
    return sorted(files)


@dataclass
class TransformState:
    silver_version: str | None = None
    files: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, settings: Settings) -> TransformState | None:
        path = settings.transform_state_file
        if not path.is_file():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != STATE_FORMAT:
            raise RuntimeError(
                f"{path}: unknown state format {raw.get('format')!r}; run with --full-refresh"
            )
        return cls(silver_version=raw["silver_version"], files=list(raw["files"]))

    def save(self, settings: Settings) -> None:
        write_json_atomically(
            {
                "format": STATE_FORMAT,
                "silver_version": self.silver_version,
                "files": sorted(self.files),
            },
            settings.transform_state_file,
        )


@dataclass
class TableStats:
    rows_in: int = 0  # bronze rows of this event type read by the run (all types for `events`)
    rows_out: int = 0  # rows in the published table
    rows_written: int = 0  # rows in the partitions this run rewrote
    partitions_touched: list[int] = field(default_factory=list)
    partitions_carried: list[int] = field(default_factory=list)


@dataclass
class RunRecord:
    run_id: str
    mode: str  # "full", "incremental" or "noop"
    started_at: str
    finished_at: str = ""
    duration_s: float = 0.0
    spark_master: str | None = None
    input_files: list[str] = field(default_factory=list)
    rows_in: int = 0
    duplicates_removed: int = 0
    retractions_applied: int = 0
    silver_version: str | None = None
    previous_version: str | None = None
    versions_removed: list[str] = field(default_factory=list)
    tables: dict[str, TableStats] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    def save(self, settings: Settings) -> Path:
        path = settings.transform_runs_dir / f"{self.run_id}.json"
        write_json_atomically(self.to_dict(), path)
        return path
