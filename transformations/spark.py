"""The one place a Spark session for trappe is built.

Defaults suit the embedded case (a laptop or a 2-core server): `local[*]`, a driver big enough to
hold a municipality's history, few shuffle partitions, no UI, quiet logs. Any cluster works with
`--spark-master` / `TRAPPE_SPARK_MASTER`; the cluster's own defaults then apply to executors.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

from trappe.core.settings import Settings

DEFAULT_MASTER = "local[*]"

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


def _is_local(master: str) -> bool:
    return master.startswith("local")


def get_spark(master: str | None = None) -> SparkSession:
    """A Spark session (the active one when it already exists, as in a test run)."""
    tuning = Settings.from_env()
    master = master or tuning.spark_master or DEFAULT_MASTER
    builder = (
        SparkSession.builder.master(master)
        .appName("trappe-transform")
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
        # No _SUCCESS markers: silver readers glob *.parquet, and versions carry completeness.
        .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
    )
    if _is_local(master):
        # In local mode the driver is the executor: give it most of a 24 GB machine's spare
        # memory, and keep shuffles at a few partitions per core instead of Spark's 200.
        builder = (
            builder.config("spark.driver.memory", tuning.spark_driver_memory)
            .config("spark.sql.shuffle.partitions", tuning.spark_shuffle_partitions or "8")
            .config("spark.default.parallelism", "4")
        )
    elif tuning.spark_shuffle_partitions:
        # on a cluster Spark's own default (200) stands unless the operator says otherwise
        builder = builder.config("spark.sql.shuffle.partitions", tuning.spark_shuffle_partitions)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
