"""Where things live. One place for every path and setting the modules share.

Every setting has an environment variable so that the same code runs on one machine (the
embedded default) and against a Kafka cluster and a Spark cluster.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = Path(os.environ.get("TRAPPE_DBT_PROJECT", PROJECT_ROOT / "dbt_project"))
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"

DEFAULT_TOPIC = "case-events"
DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True)
class Settings:
    """Paths of the lake and the services trappe talks to."""

    home: Path = field(default_factory=lambda: Path(os.environ.get("TRAPPE_HOME", "lake")))
    kafka_bootstrap: str | None = field(default_factory=lambda: os.environ.get("TRAPPE_KAFKA"))
    topic: str = field(default_factory=lambda: os.environ.get("TRAPPE_TOPIC", DEFAULT_TOPIC))
    spark_master: str = field(
        default_factory=lambda: os.environ.get("TRAPPE_SPARK_MASTER", "local[*]")
    )

    @property
    def dlq_topic(self) -> str:
        return self.topic + DLQ_SUFFIX

    # bronze and dead letters: ingestion
    @property
    def bronze_dir(self) -> Path:
        return self.home / "bronze" / "events"

    @property
    def bronze_offsets_dir(self) -> Path:
        return self.home / "bronze" / "_offsets"

    @property
    def deadletter_dir(self) -> Path:
        return self.home / "deadletter" / "records"

    @property
    def ingest_runs_dir(self) -> Path:
        return self.home / "ingest_runs"

    # silver: transformations
    @property
    def silver_dir(self) -> Path:
        """A symlink to the current silver version, swapped atomically by each run."""
        return self.home / "silver"

    @property
    def silver_versions_dir(self) -> Path:
        return self.home / "silver_versions"

    @property
    def transform_runs_dir(self) -> Path:
        return self.home / "transform_runs"

    @property
    def transform_state_file(self) -> Path:
        return self.home / "transform_state.json"

    # warehouse: dbt writes staging, the quality gate publishes
    @property
    def warehouse_dir(self) -> Path:
        return self.home / "warehouse"

    @property
    def staging_db(self) -> Path:
        return self.warehouse_dir / "staging.duckdb"

    @property
    def published_db(self) -> Path:
        return self.warehouse_dir / "published.duckdb"

    @property
    def quality_dir(self) -> Path:
        return self.home / "quality"

    @property
    def reference_dir(self) -> Path:
        return self.home / "reference"

    def ensure(self) -> "Settings":
        self.home.mkdir(parents=True, exist_ok=True)
        return self


def settings(home: str | os.PathLike | None = None) -> Settings:
    if home is None:
        return Settings()
    return Settings(home=Path(home))
