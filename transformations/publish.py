"""Silver versions: build a version beside the current one, then swap one symlink.

`silver` is a symlink to `silver_versions/<run_id>/`. A run writes the partitions it changes
into a new version directory, hard-links every other partition from the current version (no
copy), writes a manifest, and only then replaces the symlink with `os.replace` — atomic on POSIX,
so a reader sees the old silver or the new one, never half a run.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
from pyspark.sql.pandas.types import to_arrow_schema

from transformations.schema import PARTITION_COLUMN, table_schema
from trappe.core.settings import Settings

MANIFEST = "_manifest.json"
# Previous versions kept for readers that opened one just before a swap.
KEEP_PREVIOUS = 2
# An always-empty table still gets one schema-carrying file, so `read_parquet(<table>/*/*.parquet)`
# finds the columns instead of failing on an empty glob.
EMPTY_PARTITION = f"{PARTITION_COLUMN}=0"


def partition_dir(year: int) -> str:
    return f"{PARTITION_COLUMN}={year}"


def current_version(settings: Settings) -> Path | None:
    """The version directory `silver` points at, if it exists and is complete."""
    link = settings.silver_dir
    if not link.is_symlink():
        if link.exists():
            raise RuntimeError(
                f"{link} is not a symlink; move it away so transform can manage silver"
            )
        return None
    target = link.resolve()
    return target if (target / MANIFEST).is_file() else None


def read_manifest(version: Path | None) -> dict[str, dict[int, int]]:
    """Rows per table and partition year of a version."""
    if version is None:
        return {}
    raw = json.loads((version / MANIFEST).read_text())
    return {table: {int(y): n for y, n in years.items()} for table, years in raw["tables"].items()}


def carry_over(previous: Path, new: Path, table: str, years: set[int]) -> None:
    """Hard-link the unchanged partitions `years` of `table` into the new version."""
    for year in sorted(years):
        source = previous / table / partition_dir(year)
        target = new / table / partition_dir(year)
        target.mkdir(parents=True, exist_ok=True)
        for file in source.glob("*.parquet"):
            os.link(file, target / file.name)


def write_empty_table(version: Path, table: str) -> None:
    target = version / table / EMPTY_PARTITION
    target.mkdir(parents=True, exist_ok=True)
    schema = to_arrow_schema(table_schema(table), timezone="UTC")
    pq.write_table(schema.empty_table(), target / "part-empty.parquet")


def finish_version(version: Path, run_id: str, tables: dict[str, dict[int, int]]) -> None:
    for table, years in tables.items():
        if not years:
            write_empty_table(version, table)
    manifest = {
        "run_id": run_id,
        "tables": {t: {str(y): n for y, n in sorted(ys.items())} for t, ys in tables.items()},
    }
    (version / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def swap(settings: Settings, version: Path) -> None:
    """Point `silver` at `version` atomically."""
    link = settings.silver_dir
    staging = link.with_name(f".{link.name}.{version.name}.tmp")
    if staging.is_symlink() or staging.exists():
        staging.unlink()
    staging.symlink_to(os.path.relpath(version, link.parent))
    os.replace(staging, link)


def collect_garbage(settings: Settings, current: Path) -> list[str]:
    """Remove versions older than the previous KEEP_PREVIOUS ones, and unfinished ones."""
    root = settings.silver_versions_dir
    complete_older = sorted(
        (
            v
            for v in root.iterdir()
            if v.is_dir() and v.name < current.name and (v / MANIFEST).is_file()
        ),
        key=lambda v: v.name,
    )
    keep = {current.name, *(v.name for v in complete_older[-KEEP_PREVIOUS:])}
    removed = []
    for version in root.iterdir():
        if version.name not in keep and version.is_dir():
            shutil.rmtree(version)
            removed.append(version.name)
    return sorted(removed)
