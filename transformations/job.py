"""Bronze -> silver: upcast, deduplicate, mark retractions, publish a new silver release.

Bronze is a Delta table with a change feed. Incremental runs read only the rows of the bronze
versions silver's release has not read yet, settle them against the current silver (a new copy
of an event can win over the stored one; a new retraction can mark an event in an old partition),
and rewrite exactly the partitions whose content changes (`replaceWhere`, one Delta commit per
table); every other partition stays as it is. Because the dedup order and the retraction rule
are total orders over all copies, any sequence of incremental runs gives the same silver as one
full run. The run ends by publishing silver's release (each table's version and the bronze
version read), the one step that makes its work visible.
"""

from __future__ import annotations

import fcntl
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from transformations import publish
from transformations.schema import (
    BRONZE_COLUMNS,
    ENVELOPE_COLUMNS,
    EVENTS_COLUMNS,
    EVENTS_TABLE,
    PARTITION_COLUMN,
    RETRACTION_TYPE,
    TABLES,
    delta_schema,
    payload_column,
    payload_schema,
    table_name,
)
from transformations.spark import get_spark
from transformations.state import RunRecord, TableStats
from transformations.upcast import check_versions, upcast_payload_json
from trappe.core import lakehouse
from trappe.core.settings import Settings
from trappe.core.time import LOCAL_TZ_NAME, new_run_id

# Which copy of an event_id is the first recorded one: a total order over all bronze rows (the
# ingestion batch and the row's place in it name a copy whatever file holds it).
DEDUP_ORDER = ("recorded_at", "ingested_at", "ingest_batch_id", "ingest_row")
SILVER_TABLES = [EVENTS_TABLE, *TABLES]


@contextmanager
def _exclusive(settings: Settings):
    """One transform at a time per lake: two runs would publish over each other."""
    settings.ensure()
    with open(settings.home / ".transform.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another transform is running on {settings.home}") from None
        yield


def read_bronze_changes(
    spark: SparkSession, bronze_dir: Path, first: int | None, last: int
) -> DataFrame:
    """The rows bronze's versions `first`..`last` added (its change feed), or, for `first`
    None, its whole snapshot at `last`.

    Ingestion only appends; a compaction rewrites files without adding rows and is no change.
    """
    reader = spark.read.format("delta")
    if first is None:
        frame = reader.option("versionAsOf", last).load(str(bronze_dir))
    else:
        frame = (
            reader.option("readChangeFeed", "true")
            .option("startingVersion", first)
            .option("endingVersion", last)
            .load(str(bronze_dir))
            .filter(F.col("_change_type") == "insert")
        )
    return frame.select(*BRONZE_COLUMNS.fieldNames())


def read_bronze(raw: DataFrame) -> DataFrame:
    """Bronze rows as silver candidates: upcast, local date, lineage."""
    occurred_date = F.to_date(F.from_utc_timestamp("occurred_at", LOCAL_TZ_NAME))
    return raw.select(
        "event_id",
        "event_type",
        "schema_version",
        "occurred_at",
        occurred_date.alias("occurred_date"),
        "recorded_at",
        "municipality",
        "case_id",
        "child_id",
        "caseworker_id",
        F.lit(None).cast("timestamp").alias("retracted_at"),
        F.lit(None).cast("string").alias("retracted_by_event_id"),
        "ingested_at",
        upcast_payload_json(
            F.col("event_type"), F.col("schema_version"), F.col("payload_json")
        ).alias("payload_json"),
        "ingest_batch_id",
        "ingest_row",
        F.year(occurred_date).alias(PARTITION_COLUMN),
    )


def _order_key(prefix: str = "") -> F.Column:
    return F.struct(*[F.col(prefix + c).alias(c) for c in DEDUP_ORDER])


def first_recorded(rows: DataFrame) -> DataFrame:
    """One row per event_id: the first recorded copy."""
    window = Window.partitionBy("event_id").orderBy(*DEDUP_ORDER)
    return rows.withColumn("_rank", F.row_number().over(window)).filter("_rank = 1").drop("_rank")


def effective_retractions(retractions: DataFrame) -> DataFrame:
    """Per retracted event: the earliest recorded retraction (event_id breaks ties)."""
    first = F.min(F.struct("recorded_at", "event_id")).alias("_first")
    return (
        retractions.groupBy("target")
        .agg(first)
        .select(
            F.col("target").alias("event_id"),
            F.col("_first.recorded_at").alias("retracted_at"),
            F.col("_first.event_id").alias("retracted_by_event_id"),
        )
    )


def flatten(events: DataFrame, event_type: str) -> DataFrame:
    """The per-type table: envelope plus the payload as typed columns."""
    schema = payload_schema(event_type)
    parsed = F.from_json("payload_json", schema)
    return events.select(
        *ENVELOPE_COLUMNS,
        *[parsed[f.name].alias(payload_column(f.name)) for f in schema.fields],
        PARTITION_COLUMN,
    )


@dataclass
class Settlement:
    """New bronze rows settled against the stored winners."""

    contest: DataFrame  # persisted: one row per new event_id, `_wins` and the stored copy's place
    winners: DataFrame  # the new rows that enter silver
    touched: set[tuple[str, int]]  # (event type, year) whose rows change
    new_winners: int
    replaced: int  # stored rows displaced by an earlier recorded copy


def settle(candidates: DataFrame, existing: DataFrame | None) -> Settlement:
    newest = first_recorded(candidates)
    if existing is not None:
        stored = existing.select(
            "event_id",
            *[F.col(c).alias("_old_" + c) for c in DEDUP_ORDER],
            F.col("event_type").alias("_old_type"),
            F.col(PARTITION_COLUMN).alias("_old_year"),
        )
        contest = newest.join(stored, "event_id", "left").withColumn(
            "_wins", F.col("_old_recorded_at").isNull() | (_order_key() < _order_key("_old_"))
        )
    else:
        contest = (
            newest.withColumn("_old_type", F.lit(None).cast("string"))
            .withColumn("_old_year", F.lit(None).cast("int"))
            .withColumn("_wins", F.lit(True))
        )
    contest = contest.persist()
    outcome = (
        contest.groupBy("_wins", "event_type", PARTITION_COLUMN, "_old_type", "_old_year")
        .count()
        .collect()
    )
    touched: set[tuple[str, int]] = set()
    new_winners = replaced = 0
    for row in outcome:
        if row._wins:
            new_winners += row["count"]
            touched.add((row.event_type, row[PARTITION_COLUMN]))
            if row._old_type is not None:
                replaced += row["count"]
                touched.add((row._old_type, row._old_year))
    winners = contest.filter("_wins").select(*EVENTS_COLUMNS, PARTITION_COLUMN)
    return Settlement(contest, winners, touched, new_winners, replaced)


def _retraction_rows(frame: DataFrame, target: F.Column) -> DataFrame:
    return frame.filter(F.col("event_type") == RETRACTION_TYPE).select(
        "event_id", "recorded_at", target.alias("target")
    )


def settle_retractions(
    stored_retractions: DataFrame | None, existing: DataFrame | None, settled: Settlement
) -> tuple[DataFrame, int]:
    """The retraction marks of silver after this run (persisted), and how many rows they change.

    `stored_retractions` and `existing` are silver's retraction and events tables at its release
    (None in a full run). Adds to `settled.touched` the partitions of stored events whose mark
    changes.
    """
    new = _retraction_rows(
        settled.winners, F.get_json_object("payload_json", "$.retracts_event_id")
    )
    if stored_retractions is None:
        marks = effective_retractions(new).persist()
        return marks, settled.winners.join(marks, "event_id", "left_semi").count()
    assert existing is not None, "silver's events are read whenever its retractions are"

    displaced = settled.contest.filter(F.col("_wins") & F.col("_old_type").isNotNull()).select(
        "event_id"
    )
    stored = _retraction_rows(stored_retractions, F.col("retracts_event_id"))
    marks = effective_retractions(
        stored.join(displaced, "event_id", "left_anti").unionByName(new)
    ).persist()
    # Stored events whose mark may change: named by a new retraction or by a displaced one.
    affected = (
        new.select("target")
        .unionByName(stored.join(displaced, "event_id", "left_semi").select("target"))
        .withColumnRenamed("target", "event_id")
        .distinct()
    )
    unchanged = F.col("retracted_at").eqNullSafe(F.col("_new_at")) & F.col(
        "retracted_by_event_id"
    ).eqNullSafe(F.col("_new_by"))
    remarked = (
        existing.select(
            "event_id", "event_type", PARTITION_COLUMN, "retracted_at", "retracted_by_event_id"
        )
        .join(affected, "event_id", "left_semi")
        .join(settled.winners.select("event_id"), "event_id", "left_anti")
        .join(
            marks.select(
                "event_id",
                F.col("retracted_at").alias("_new_at"),
                F.col("retracted_by_event_id").alias("_new_by"),
            ),
            "event_id",
            "left",
        )
        .filter(~unchanged)
        .groupBy("event_type", PARTITION_COLUMN)
        .count()
        .collect()
    )
    changed = 0
    for row in remarked:
        settled.touched.add((row.event_type, row[PARTITION_COLUMN]))
        changed += row["count"]
    first_seen = settled.contest.filter(F.col("_wins") & F.col("_old_type").isNull()).select(
        "event_id"
    )
    return marks, changed + first_seen.join(marks, "event_id", "left_semi").count()


def write_events(
    existing: DataFrame | None,
    settled: Settlement,
    marks: DataFrame,
    years: set[int] | None,
    path: Path,
) -> None:
    """Rewrite the `events` partitions of `years` whole (all of the table: None): stored rows
    kept, new winners, marks."""
    rows = settled.winners
    if existing is not None:
        assert years is not None, "an incremental run rewrites the partitions it touched"
        kept = (
            existing.filter(F.col(PARTITION_COLUMN).isin(sorted(years)))
            .join(settled.winners.select("event_id"), "event_id", "left_anti")
            .select(*EVENTS_COLUMNS, PARTITION_COLUMN)
        )
        rows = kept.unionByName(rows)
    rows = (
        rows.drop("retracted_at", "retracted_by_event_id")
        .join(marks, "event_id", "left")
        .select(*EVENTS_COLUMNS, PARTITION_COLUMN)
    )
    # One file per year, sorted by type so that the per-type tables' reads skip row groups.
    publish.write(
        rows.repartition(PARTITION_COLUMN).sortWithinPartitions(
            "event_type", "occurred_at", "event_id"
        ),
        path,
        years,
    )


def write_type_tables(
    written: DataFrame, settings: Settings, plan: dict[str, set[int] | None]
) -> None:
    """Flatten the rewritten events into each per-type table's touched partitions (all of the
    table: None).

    The writes are independent Spark jobs and Delta commits to different tables; running a few
    at once keeps the cores busy while small jobs wait on scheduling and commits.
    """

    def write_one(table: str) -> None:
        years = plan[table]
        part = written.filter(F.col("event_type") == TABLES[table])
        if years is not None:
            part = part.filter(F.col(PARTITION_COLUMN).isin(sorted(years)))
        publish.write(flatten(part, TABLES[table]), publish.table_path(settings, table), years)

    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(write_one, table) for table in sorted(plan)]:
            future.result()


def run_transform(
    settings: Settings,
    full_refresh: bool = False,
    spark_master: str | None = None,
    spark: SparkSession | None = None,
) -> RunRecord:
    """Bring silver up to date with bronze and publish it; returns the run record (also saved)."""
    with _exclusive(settings):
        return _run(settings, full_refresh, spark_master, spark)


def _needs_full_run(release: lakehouse.SilverRelease | None, bronze_now: int | None) -> bool:
    """Nothing trustworthy to build on: no release, a table the release lacks (a new event
    type), or a bronze that is not the one the release read (replaced by an older one)."""
    if release is None or any(t not in release.tables for t in SILVER_TABLES):
        return True
    read = release.bronze_version
    return read is not None and (bronze_now is None or bronze_now < read)


def _tables_ahead(settings: Settings, release: lakehouse.SilverRelease | None) -> bool:
    if release is None:
        return False
    return any(
        lakehouse.current_version(publish.table_path(settings, t)) != v
        for t, v in release.tables.items()
    )


def _run(
    settings: Settings, full_refresh: bool, spark_master: str | None, spark: SparkSession | None
) -> RunRecord:
    started = datetime.now(UTC)
    clock = time.monotonic()
    run_id = new_run_id(started)
    record = RunRecord(run_id=run_id, mode="full", started_at=started.isoformat())

    release = lakehouse.read_release(settings.silver_dir)
    # pinned: what ingestion appends while the run works is the next run's
    bronze_now = lakehouse.current_version(settings.bronze_dir)
    full_refresh = full_refresh or _needs_full_run(release, bronze_now)
    record.previous_release = release.run_id if release else None
    record.bronze_version = bronze_now
    if (
        not full_refresh
        and release is not None
        and release.bronze_version == bronze_now
        and not _tables_ahead(settings, release)
    ):
        record.mode = "noop"
        record.release = release.run_id
        return _finish(settings, record, clock)

    spark = spark or get_spark(spark_master or settings.spark_master)
    record.spark_master = spark.sparkContext.master
    # A crashed run may have committed some tables past the release: put them back first, so
    # that this run's partitions replace the release's and nothing of the crashed run's stays.
    record.restored = publish.recover(spark, settings, SILVER_TABLES)
    if full_refresh:
        release = None
    record.mode = "full" if release is None else "incremental"
    first: int | None = None  # the first bronze version to read; None: the whole snapshot
    if release is not None:
        first = 0 if release.bronze_version is None else release.bronze_version + 1
    if bronze_now is None:
        record.bronze_versions = []
    else:
        record.bronze_versions = list(range(first or 0, bronze_now + 1))

    if bronze_now is not None and record.bronze_versions:
        candidates = read_bronze(read_bronze_changes(spark, settings.bronze_dir, first, bronze_now))
    else:  # a full refresh of an empty bronze still publishes (empty) silver
        candidates = spark.createDataFrame([], delta_schema(EVENTS_TABLE))
    rows_in_by_type = _count_and_check_versions(candidates)
    record.rows_in = sum(rows_in_by_type.values())

    def at_release(table: str) -> DataFrame | None:
        # After recover() each table's newest version holds its release's content (only this
        # run, under the lock, writes silver), and Delta has that snapshot loaded already: the
        # write needs it too.
        if release is None:
            return None
        return spark.read.format("delta").load(str(publish.table_path(settings, table)))

    existing = at_release(EVENTS_TABLE)
    settled = settle(candidates, existing)
    record.duplicates_removed = record.rows_in - settled.new_winners + settled.replaced
    marks, record.retractions_applied = settle_retractions(
        at_release(table_name(RETRACTION_TYPE)), existing, settled
    )
    touched = settled.touched
    years = {year for _, year in touched}

    # what each table's rewrite covers: the touched years, or all of it (None) in a full run
    plan: dict[str, set[int] | None]
    if release is None:
        plan = dict.fromkeys(SILVER_TABLES)
    else:
        by_table: dict[str, set[int]] = {}
        for touched_type, year in touched:
            by_table.setdefault(table_name(touched_type), set()).add(year)
        plan = {**by_table, **({EVENTS_TABLE: years} if years else {})}
    events_path = publish.table_path(settings, EVENTS_TABLE)
    if EVENTS_TABLE in plan:
        write_events(existing, settled, marks, plan[EVENTS_TABLE], events_path)
    settled.contest.unpersist()
    marks.unpersist()

    if EVENTS_TABLE in plan:
        written = spark.read.format("delta").load(str(events_path))
        if release is not None:
            written = written.filter(F.col(PARTITION_COLUMN).isin(sorted(years)))
        write_type_tables(written, settings, {t: y for t, y in plan.items() if t in TABLES})

    # Every table is committed: the release makes this run's silver the one readers read.
    published = publish.publish(settings, run_id, bronze_now, SILVER_TABLES)
    record.release = run_id
    for table in SILVER_TABLES:
        event_type = TABLES.get(table)
        stored = publish.rows_by_year(publish.table_path(settings, table))
        planned = plan.get(table, set())
        rewritten = set(stored) if planned is None else planned
        record.tables[table] = TableStats(
            rows_in=record.rows_in if event_type is None else rows_in_by_type.get(event_type, 0),
            rows_out=sum(stored.values()),
            rows_written=sum(stored.get(y, 0) for y in rewritten),
            partitions_touched=sorted(rewritten),
            partitions_untouched=sorted(set(stored) - rewritten),
            version=published.tables[table],
        )
    return _finish(settings, record, clock)


def _count_and_check_versions(candidates: DataFrame) -> dict[str, int]:
    """Rows per event type, after checking every (type, version) can be upcast."""
    versions = {
        (r.event_type, r.schema_version): r["count"]
        for r in candidates.groupBy("event_type", "schema_version").count().collect()
    }
    check_versions(
        versions,
        lambda t, v: (
            # take(1)[0] is first() without its None: the pair was counted, so a row exists
            candidates.filter((F.col("event_type") == t) & (F.col("schema_version") == v))
            .take(1)[0]
            .event_id
        ),
    )
    by_type: dict[str, int] = {}
    for (event_type, _), count in versions.items():
        by_type[event_type] = by_type.get(event_type, 0) + count
    return by_type


def _finish(settings: Settings, record: RunRecord, clock: float) -> RunRecord:
    record.finished_at = datetime.now(UTC).isoformat()
    record.duration_s = round(time.monotonic() - clock, 3)
    record.save(settings)
    return record
