"""The one place a Spark session for trappe is built.

Defaults suit the embedded case (a laptop or a 2-core server): `local[*]`, a driver big enough to
hold a municipality's history, few shuffle partitions, no UI, quiet logs. Any cluster works with
`--spark-master` / `TRAPPE_SPARK_MASTER`; the cluster's own defaults then apply to executors.

Every session reads and writes Delta Lake (silver is Delta tables): the delta-spark jars that
`make jars` fetches into infra/.jars/delta are passed as `spark.jars`, which the driver also ships
to a cluster's executors, so a cluster needs nothing installed for trappe.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

from trappe.core.errors import ConfigurationError
from trappe.core.settings import Settings

DEFAULT_MASTER = "local[*]"
DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog"
REPO = Path(__file__).resolve().parents[1]
DELTA_JARS_DIR = Path(os.environ.get("TRAPPE_DELTA_JARS", REPO / "infra" / ".jars" / "delta"))

# Spark's JVM logs WARN and INFO to stderr from the moment it starts, before setLogLevel can act.
# Errors are what a trappe user needs to see.
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


def _log_config() -> Path:
    path = Path(tempfile.gettempdir()) / "trappe-spark-log4j2.properties"
    if not path.exists() or path.read_text() != _LOG4J2:
        path.write_text(_LOG4J2)
    return path


def delta_jars() -> list[Path]:
    """The delta-spark jars, or a one-line error saying how to fetch them."""
    jars = sorted(DELTA_JARS_DIR.glob("*.jar"))
    if not any(j.name.startswith("delta-spark_") for j in jars):
        raise ConfigurationError(
            f"no Delta Lake jars in {DELTA_JARS_DIR}: run `make jars` (or `make setup`; Maven "
            "fetches them from infra/delta/pom.xml)"
        )
    return jars


def _is_local(master: str) -> bool:
    return master.startswith("local")


def get_spark(master: str | None = None) -> SparkSession:
    """A Spark session (the active one when it already exists, as in a test run)."""
    tuning = Settings.from_env()
    master = master or tuning.spark_master or DEFAULT_MASTER
    jars = delta_jars()
    builder = (
        SparkSession.builder.master(master)
        .appName("trappe-transform")
        .config("spark.jars", ",".join(str(j) for j in jars))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", DELTA_CATALOG)
        # Silver is read outside Spark from the snapshot's Parquet files (DuckDB through
        # delta-rs's file list): no deletion vectors, whose deleted rows those readers would see.
        .config("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false")
        # Every instant in the lake is UTC; local dates are derived explicitly (Europe/Copenhagen).
        .config("spark.sql.session.timeZone", "UTC")
        # Parquet TIMESTAMP(MICROS, adjusted to UTC): DuckDB reads it as TIMESTAMPTZ, not INT96.
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile=file:{_log_config()}")
        .config("spark.ui.enabled", str(tuning.spark_ui).lower())
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.adaptive.coalescePartitions.enabled", "true")
        # Bronze batches are tens of MB: smaller splits keep every core busy on the first read.
        .config("spark.sql.files.maxPartitionBytes", str(64 * 1024 * 1024))
    )
    if _is_local(master):
        # In local mode the driver is the executor: give it most of a 24 GB machine's spare
        # memory, and keep shuffles at a few partitions per core instead of Spark's 200.
        builder = (
            builder.config("spark.driver.memory", tuning.spark_driver_memory)
            .config("spark.sql.shuffle.partitions", tuning.spark_shuffle_partitions or "8")
            .config("spark.default.parallelism", "4")
            # Delta rebuilds a table's state from its log with 50 tasks by default: a cost per
            # table per read that dwarfs the data of a municipality's silver on a few cores
            .config("spark.databricks.delta.snapshotPartitions", "2")
        )
    elif tuning.spark_shuffle_partitions:
        # on a cluster Spark's own default (200) stands unless the operator says otherwise
        builder = builder.config("spark.sql.shuffle.partitions", tuning.spark_shuffle_partitions)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
