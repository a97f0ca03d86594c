"""`trappe lake`: the lake's Delta tables — their commits, compaction and vacuum.

Compaction and vacuum take the lock of the layer's writer (ingestion for bronze and the dead
letters, the transformations for silver), so they never race a commit of the same table; a
reader is never disturbed (a compaction changes no row, and vacuum keeps what the last week's
versions, silver's release and the bronze versions silver has not read yet need).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from deltalake.exceptions import DeltaError

from ingestion.store import batch_record
from trappe.app.commands import OneLineErrors
from trappe.core import lakehouse
from trappe.core.locking import LakeLock
from trappe.core.settings import Settings
from trappe.core.settings import settings as make_settings

# the writers' lock files (ingestion.ingestor.LOCK_FILE, transformations.job): maintenance
# waits for the writer of a layer, as a second writer would
INGEST_LOCK, TRANSFORM_LOCK = ".ingest.lock", ".transform.lock"
LOCK_WAIT_SECONDS = 60.0

_home = click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="The lake (TRAPPE_HOME, default ./lake).",
)
_tables = click.option(
    "--table",
    "names",
    multiple=True,
    metavar="NAME",
    help="bronze, deadletters or silver.<table> (repeatable; default: every table).",
)


def tables(settings: Settings) -> dict[str, tuple[Path, str]]:
    """Every Delta table of the lake: name -> (path, the lock file of its writer)."""
    found = {
        "bronze": (settings.bronze_dir, INGEST_LOCK),
        "deadletters": (settings.deadletter_dir, INGEST_LOCK),
    }
    if settings.silver_dir.is_dir():
        for path in sorted(settings.silver_dir.iterdir()):
            if path.is_dir() and lakehouse.is_table(path):
                found[f"silver.{path.name}"] = (path, TRANSFORM_LOCK)
    return {name: entry for name, entry in found.items() if lakehouse.is_table(entry[0])}


def _chosen(settings: Settings, names: tuple[str, ...]) -> dict[str, tuple[Path, str]]:
    known = tables(settings)
    unknown = [n for n in names if n not in known]
    if unknown:
        listed = ", ".join(known) or "none yet"
        raise click.ClickException(
            f"no Delta table {', '.join(unknown)} in the lake at {settings.home} (tables: {listed})"
        )
    return {n: known[n] for n in names} if names else known


def _locked(
    settings: Settings, chosen: dict[str, tuple[Path, str]], what: str
) -> Iterator[tuple[str, Path]]:
    """The chosen tables, each while its writer's lock is held."""
    for lock_file in sorted({lock for _, lock in chosen.values()}):
        with LakeLock(settings.home / lock_file, what, wait_seconds=LOCK_WAIT_SECONDS):
            for name, (path, lock) in chosen.items():
                if lock == lock_file:
                    yield name, path


@click.group(help="The lake's Delta tables: their commits, compaction and vacuum.")
def lake() -> None:
    pass


def _when(commit: dict[str, Any]) -> str:
    stamp = commit.get("timestamp")
    if not isinstance(stamp, int | float):
        return "?"
    return datetime.fromtimestamp(stamp / 1000, UTC).isoformat(timespec="seconds")


def _rows(commit: dict[str, Any]) -> str:
    metrics = commit.get("operationMetrics") or {}
    # delta-rs says num_added_rows; Spark says numOutputRows (writes) or numTargetRowsInserted
    for key in ("num_added_rows", "numOutputRows", "numTargetRowsInserted"):
        if key in metrics:
            return f"{int(metrics[key])} rows"
    return ""


@lake.command(cls=OneLineErrors)
@_home
@_tables
@click.option("--limit", type=int, default=10, show_default=True, help="Commits per table.")
def history(home: str | None, names: tuple[str, ...], limit: int) -> None:
    """List each table's newest commits: version, time, operation, rows and who wrote it."""
    settings = make_settings(home)
    for name, (path, _) in _chosen(settings, names).items():
        click.echo(f"{name} ({path})")
        for commit in lakehouse.history(path, limit):
            batch = batch_record(commit) or {}
            who = batch.get("run_id") or commit.get("engineInfo") or ""
            click.echo(
                f"  v{commit.get('version', '?'):<6} {_when(commit)}  "
                f"{commit.get('operation', '?'):<16} {_rows(commit):>14}  {who}"
            )


@lake.command(cls=OneLineErrors)
@_home
@_tables
@click.option(
    "--target-size-mib",
    type=click.IntRange(min=1),
    default=None,
    help="The size of a compacted file (default: Delta's, 100 MiB).",
)
def compact(home: str | None, names: tuple[str, ...], target_size_mib: int | None) -> None:
    """Rewrite small files into large ones (no row changes; the change feed skips it)."""
    settings = make_settings(home)
    size = target_size_mib * 1024 * 1024 if target_size_mib else None
    for name, path in _locked(settings, _chosen(settings, names), "lake compact"):
        before = lakehouse.current_version(path)
        metrics = lakehouse.compact(path, size)
        click.echo(
            f"{name}: {metrics.get('numFilesRemoved', 0)} files compacted into "
            f"{metrics.get('numFilesAdded', 0)}"
        )
        if name.startswith("silver."):
            _release_compacted(settings, name.removeprefix("silver."), before, path)


def _release_compacted(settings: Settings, table: str, before: int | None, path: Path) -> None:
    """Point silver's release at the compacted version of `table` (the same rows): otherwise
    the next transform would take the table for one a crashed run left ahead of its release
    and restore it, undoing the compaction. A table already ahead of the release is left so."""
    release = lakehouse.read_release(settings.silver_dir)
    after = lakehouse.current_version(path)
    if release is None or after is None or release.tables.get(table) != before or after == before:
        return
    lakehouse.write_release(
        settings.silver_dir, replace(release, tables={**release.tables, table: after})
    )


def _keep_versions(settings: Settings, name: str, path: Path) -> list[int]:
    """The versions vacuum must keep whatever their age: silver's release, and the bronze
    versions silver has not read yet (the transform reads them from bronze's change feed)."""
    release = lakehouse.read_release(settings.silver_dir)
    if release is None:
        return []
    if name.startswith("silver."):
        version = release.tables.get(name.removeprefix("silver."))
        return [] if version is None else [version]
    if name == "bronze":
        newest = lakehouse.current_version(path)
        first = 0 if release.bronze_version is None else release.bronze_version + 1
        return [] if newest is None else list(range(first, newest + 1))
    return []


@lake.command(cls=OneLineErrors)
@_home
@_tables
@click.option(
    "--retention-hours",
    type=click.IntRange(min=0),
    default=lakehouse.DEFAULT_RETENTION_HOURS,
    show_default=True,
    help="Keep every file a version this young reads (Delta refuses less than a week).",
)
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
def vacuum(home: str | None, names: tuple[str, ...], retention_hours: int, dry_run: bool) -> None:
    """Delete the files no recent version reads (time travel beyond the retention ends)."""
    settings = make_settings(home)
    for name, path in _locked(settings, _chosen(settings, names), "lake vacuum"):
        try:
            removed = lakehouse.vacuum(
                path,
                retention_hours=retention_hours,
                dry_run=dry_run,
                keep_versions=_keep_versions(settings, name, path),
            )
        except DeltaError as exc:  # a retention under the table's minimum, refused
            raise click.ClickException(f"{name}: {exc}") from None
        verb = "would delete" if dry_run else "deleted"
        click.echo(f"{name}: {verb} {len(removed)} files")
