"""Bronze -> silver: upcast, deduplicate, mark retractions, publish a new silver version.

Incremental runs read only the bronze files silver does not hold yet, settle them against the
current silver (a new copy of an event can win over the stored one; a new retraction can mark an
event in an old partition), and rewrite exactly the partitions whose content changes. Everything
else is hard-linked from the current version. Because the dedup order and the retraction rule
are total orders over all copies, any sequence of incremental runs gives the same silver as one
full run.
"""

from __future__ import annotations

import fcntl
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType

from transformations import publish
from transformations.schema import (
    BRONZE_COLUMNS,
    ENVELOPE_COLUMNS,
    EVENTS_COLUMNS,
    EVENTS_TABLE,
    PARTITION_COLUMN,
    RETRACTION_TYPE,
    TABLES,
    payload_column,
    payload_schema,
    table_name,
    table_schema,
)
from transformations.spark import get_spark
from transformations.state import RunRecord, TableStats, TransformState, list_bronze_files
from transformations.upcast import check_versions, upcast_payload_json
from trappe.core.settings import Settings
from trappe.core.time import LOCAL_TZ_NAME, new_run_id

# Which copy of an event_id is the first recorded one: a total order over all bronze rows.
DEDUP_ORDER = ("recorded_at", "ingested_at", "bronze_file", "bronze_row")


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


def _file_uri_to_path(uri: str) -> Path:
    return Path(unquote(urlparse(uri).path))


def read_bronze(spark: SparkSession, bronze_dir: Path, files: list[str]) -> DataFrame:
    """The bronze rows of `files` as silver candidates: upcast, local date, lineage."""
    raw = spark.read.schema(BRONZE_COLUMNS).parquet(*[str(bronze_dir / f) for f in files])
    raw = raw.select(
        *BRONZE_COLUMNS.fieldNames(),
        F.col("_metadata.file_path").alias("_file_uri"),
        F.col("_metadata.row_index").alias("bronze_row"),
    )
    # Spark names files by URI; lineage keeps the path relative to bronze, which sorts in
    # bronze file order. One row per file, so this mapping is small.
    uris = [r._file_uri for r in raw.select("_file_uri").distinct().collect()]
    root = bronze_dir.resolve()
    relative = {u: _file_uri_to_path(u).resolve().relative_to(root).as_posix() for u in uris}
    mapping = (
        F.create_map(*[F.lit(x) for pair in relative.items() for x in pair]) if relative else None
    )
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
        (mapping[F.col("_file_uri")] if mapping is not None else F.lit(None).cast("string")).alias(
            "bronze_file"
        ),
        "bronze_row",
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


def _write(frame: DataFrame, path: Path) -> None:
    frame.write.mode("errorifexists").partitionBy(PARTITION_COLUMN).parquet(str(path))


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
    spark: SparkSession, base: Path | None, existing: DataFrame | None, settled: Settlement
) -> tuple[DataFrame, int]:
    """The retraction marks of silver after this run (persisted), and how many rows they change.

    Adds to `settled.touched` the partitions of stored events whose mark changes.
    """
    new = _retraction_rows(
        settled.winners, F.get_json_object("payload_json", "$.retracts_event_id")
    )
    if base is None:
        marks = effective_retractions(new).persist()
        return marks, settled.winners.join(marks, "event_id", "left_semi").count()
    assert existing is not None, "silver's events are read whenever there is a base version"

    displaced = settled.contest.filter(F.col("_wins") & F.col("_old_type").isNotNull()).select(
        "event_id"
    )
    retracted = table_name(RETRACTION_TYPE)
    stored = _retraction_rows(
        spark.read.schema(table_schema(retracted)).parquet(str(base / retracted)),
        F.col("retracts_event_id"),
    )
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
    existing: DataFrame | None, settled: Settlement, marks: DataFrame, years: set[int], path: Path
) -> None:
    """Rewrite the `events` partitions of `years` whole: stored rows kept, new winners, marks."""
    rows = settled.winners
    if existing is not None:
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
    _write(
        rows.repartition(PARTITION_COLUMN).sortWithinPartitions(
            "event_type", "occurred_at", "event_id"
        ),
        path,
    )


def write_type_tables(written: DataFrame, version: Path, plan: dict[str, set[int]]) -> None:
    """Flatten the rewritten events into each per-type table's touched partitions.

    The writes are independent Spark jobs; running a few at once keeps the cores busy while
    small jobs wait on scheduling and file commits.
    """

    def write_one(table: str) -> None:
        part = written.filter(
            (F.col("event_type") == TABLES[table])
            & F.col(PARTITION_COLUMN).isin(sorted(plan[table]))
        )
        _write(flatten(part, TABLES[table]), version / table)

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


def _run(
    settings: Settings, full_refresh: bool, spark_master: str | None, spark: SparkSession | None
) -> RunRecord:
    started = datetime.now(UTC)
    clock = time.monotonic()
    run_id = new_run_id(started)
    record = RunRecord(run_id=run_id, mode="full", started_at=started.isoformat())

    state = TransformState.load(settings)
    previous = publish.current_version(settings)
    if previous is None or state is None:
        full_refresh = True  # nothing trustworthy to build on
    all_files = list_bronze_files(settings.bronze_dir)
    done: set[str] = set() if full_refresh or state is None else set(state.files)
    files = [f for f in all_files if f not in done]
    record.previous_version = previous.name if previous else None
    record.input_files = files
    if not full_refresh and not files:
        record.mode = "noop"
        record.silver_version = record.previous_version
        return _finish(settings, record, clock)
    record.mode = "full" if full_refresh else "incremental"

    spark = spark or get_spark(spark_master or settings.spark_master)
    record.spark_master = spark.sparkContext.master
    base = None if full_refresh else previous
    events_schema = table_schema(EVENTS_TABLE).add(PARTITION_COLUMN, IntegerType())
    if files:
        candidates = read_bronze(spark, settings.bronze_dir, files)
    else:  # a full refresh of an empty bronze still publishes (empty) silver
        candidates = spark.createDataFrame([], events_schema)
    rows_in_by_type = _count_and_check_versions(candidates)
    record.rows_in = sum(rows_in_by_type.values())
    existing = spark.read.schema(events_schema).parquet(str(base / EVENTS_TABLE)) if base else None

    settled = settle(candidates, existing)
    record.duplicates_removed = record.rows_in - settled.new_winners + settled.replaced
    marks, record.retractions_applied = settle_retractions(spark, base, existing, settled)
    touched = settled.touched

    version = settings.silver_versions_dir / run_id
    years = {year for _, year in touched}
    if touched:
        write_events(existing, settled, marks, years, version / EVENTS_TABLE)
    settled.contest.unpersist()
    marks.unpersist()
    if not touched and not full_refresh:
        # Only duplicates came in: silver's content is unchanged, so is its version.
        record.silver_version = record.previous_version
        record.tables = {
            t: TableStats(
                rows_in=rows_in_by_type.get(TABLES[t], 0) if t in TABLES else record.rows_in,
                rows_out=sum(n.values()),
                partitions_carried=sorted(n),
            )
            for t, n in publish.read_manifest(previous).items()
        }
        TransformState(silver_version=record.silver_version, files=sorted(done | set(files))).save(
            settings
        )
        return _finish(settings, record, clock)

    written = spark.read.parquet(str(version / EVENTS_TABLE)) if touched else None
    counts = (
        {
            (r.event_type, r[PARTITION_COLUMN]): r["count"]
            for r in written.groupBy("event_type", PARTITION_COLUMN).count().collect()
        }
        if written
        else {}
    )
    plan: dict[str, set[int]] = {table_name(t): set() for t in TABLES.values()}
    for touched_type, year in touched:
        plan[table_name(touched_type)].add(year)
    if written is not None:
        write_type_tables(
            written,
            version,
            {t: ys for t, ys in plan.items() if any(counts.get((TABLES[t], y)) for y in ys)},
        )
    plan[EVENTS_TABLE] = years

    previous_manifest = publish.read_manifest(base)
    tables_out: dict[str, dict[int, int]] = {}
    for table in [EVENTS_TABLE, *TABLES]:
        event_type = TABLES.get(table)
        rows_by_year = {
            y: n
            for y in plan[table]
            if (n := sum(c for (t, yy), c in counts.items() if yy == y and event_type in (None, t)))
        }
        carried = {
            y: n for y, n in previous_manifest.get(table, {}).items() if y not in plan[table]
        }
        if carried:
            assert base is not None, "only a base version has partitions to carry"
            publish.carry_over(base, version, table, set(carried))
        tables_out[table] = {**carried, **rows_by_year}
        record.tables[table] = TableStats(
            rows_in=record.rows_in if event_type is None else rows_in_by_type.get(event_type, 0),
            rows_out=sum(tables_out[table].values()),
            rows_written=sum(rows_by_year.values()),
            partitions_touched=sorted(plan[table]),
            partitions_carried=sorted(carried),
        )

    version.mkdir(parents=True, exist_ok=True)
    publish.finish_version(version, run_id, tables_out)
    publish.swap(settings, version)
    record.silver_version = run_id
    record.versions_removed = publish.collect_garbage(settings, version)
    # After the swap: a crash before this line makes the next run re-read these files, which
    # settle as exact duplicates of what silver holds and change nothing.
    TransformState(silver_version=run_id, files=sorted(done | set(files))).save(settings)
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
