"""Silver's Delta tables and their release.

Each silver table is a Delta table at `silver/<table>`, partitioned by event_year. A run
rewrites the partitions whose content changes (`replaceWhere`: one commit per table, the other
partitions left alone) and then publishes silver's release (`trappe.core.lakehouse`): each
table's new version and the bronze version read, in one atomic file. Readers read each table at
its release version, so the tables a run has committed before it crashed are not seen; the next
run restores them to their release version before it works.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession

from transformations.schema import PARTITION_COLUMN
from trappe.core import lakehouse
from trappe.core.settings import Settings

# Readers outside Spark (DuckDB through delta-rs's file list) read a snapshot's Parquet files as
# they are: a deletion vector's deleted rows would still be there for them.
TABLE_PROPERTIES = {"delta.enableDeletionVectors": "false"}


def table_path(settings: Settings, table: str) -> Path:
    return settings.silver_dir / table


def recover(spark: SparkSession, settings: Settings, tables: list[str]) -> dict[str, int]:
    """Put back every table a crashed run committed past the release; returns them and their
    release version.

    Without a release (the first run crashed) there is nothing to put back: a full run
    overwrites whatever it finds.
    """
    from delta.tables import DeltaTable

    release = lakehouse.read_release(settings.silver_dir)
    if release is None:
        return {}
    restored: dict[str, int] = {}
    for table in tables:
        path = table_path(settings, table)
        version = release.tables.get(table)
        current = lakehouse.current_version(path)
        if version is None or current is None or current == version:
            continue
        DeltaTable.forPath(spark, str(path)).restoreToVersion(version)
        restored[table] = version
    return restored


def write(frame: DataFrame, path: Path, years: set[int] | None) -> None:
    """Replace the partitions `years` of the table at `path` by `frame` (all of it: None).

    Creates the table (its schema even when `frame` is empty) when there is none.
    """
    writer = frame.write.format("delta").mode("overwrite").partitionBy(PARTITION_COLUMN)
    for key, value in TABLE_PROPERTIES.items():
        writer = writer.option(key, value)
    if years is not None and lakehouse.is_table(path):
        listed = ", ".join(str(y) for y in sorted(years))
        # a payload field the contract gained since the table was written becomes a column
        # (null in the partitions written before it), as it would in a full run
        writer = writer.option("replaceWhere", f"{PARTITION_COLUMN} IN ({listed})").option(
            "mergeSchema", "true"
        )
    else:
        # a full run writes the tables as the contract has them now
        writer = writer.option("overwriteSchema", "true")
    writer.save(str(path))


def rows_by_year(path: Path) -> dict[int, int]:
    """Rows per partition of the table's current snapshot, from its log (no data read)."""
    table = lakehouse.open_table(path)
    if table is None:
        return {}
    actions = pa.table(table.get_add_actions(flatten=True)).to_pylist()
    counts: dict[int, int] = {}
    for action in actions:
        year = int(action[f"partition.{PARTITION_COLUMN}"])
        counts[year] = counts.get(year, 0) + int(action["num_records"])
    return counts


def publish(
    settings: Settings, run_id: str, bronze_version: int | None, tables: list[str]
) -> lakehouse.SilverRelease:
    """The release of the tables' current versions: the run's commit point."""
    versions = {}
    for table in tables:
        version = lakehouse.current_version(table_path(settings, table))
        assert version is not None, f"silver table {table} was written before its release"
        versions[table] = version
    release = lakehouse.SilverRelease(run_id=run_id, bronze_version=bronze_version, tables=versions)
    lakehouse.write_release(settings.silver_dir, release)
    return release
