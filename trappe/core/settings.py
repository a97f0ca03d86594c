"""Every setting trappe reads from its environment, in one place.

Each `TRAPPE_*` variable is read here and nowhere else, so that the same code runs on one
machine (the embedded default) and against a Kafka cluster and a Spark cluster, and so that a
test can build a `Settings` without touching `os.environ`. No module writes `os.environ`: a
value a run needs (the demo's pseudonym key, dbt's database path) is passed, not exported.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from trappe.core.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parents[2]

DEFAULT_TOPIC = "case-events"
DLQ_SUFFIX = ".dlq"
DEFAULT_SPARK_MASTER = "local[*]"
TRUE_WORDS = ("1", "true", "yes", "on")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in TRUE_WORDS


def _days(key: str, text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        raise ConfigurationError(f"{key}={text!r}: not a number of days") from None
    if not days > 0:
        raise ConfigurationError(f"{key}={text!r}: must be a positive number of days")
    return days


@dataclass(frozen=True)
class Settings:
    """Paths of the lake and the services trappe talks to, and the secrets it needs."""

    home: Path = Path("lake")
    kafka_bootstrap: str | None = None
    topic: str = DEFAULT_TOPIC
    spark_master: str = DEFAULT_SPARK_MASTER
    # Spark tuning for local mode; None leaves Spark's (or the cluster's) own default
    spark_driver_memory: str = "6g"
    spark_shuffle_partitions: str | None = None
    spark_ui: bool = False
    # the JSON file with a real cluster's client settings (TLS, SASL)
    kafka_config_file: Path | None = None
    # the Kafka client library behind ingestion's seam: kafka-python, or confluent (librdkafka,
    # `pip install trappe[fast]`)
    kafka_client: str = "kafka-python"
    # the municipality's secret for CPR pseudonyms; `demo` allows the published demo key
    pseudonym_secret: str | None = field(default=None, repr=False)
    demo: bool = False
    dbt_project_dir: Path = PROJECT_ROOT / "dbt_project"
    dbt_threads: int | None = None
    # DuckDB's memory limit while dbt builds ("6GB"); past it joins and aggregates spill to
    # <database>.tmp. None: a third of physical memory, at most 6 GiB
    dbt_memory_limit: str | None = None
    # the quality gate's quarantine: an event held out of the marts longer than this many days
    # (from its recorded_at to the build's as-of time) is a warning, then a critical failure
    quarantine_warning_days: float = 30.0
    quarantine_critical_days: float = 90.0
    debug: bool = False
    # the dashboard's users and roles (dashboards/users.py); default <home>/users.toml
    users_file: Path | None = None
    # OpenID Connect: the claims that carry a user's dashboard role and teams, when the
    # identity provider sends them (else the users file maps the e-mail to a role)
    oidc_roles_claim: str | None = None
    oidc_teams_claim: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from the `TRAPPE_*` variables (`os.environ` by default), then `overrides`
        (None values are ignored, so a CLI option left unset keeps the environment's value)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("TRAPPE_HOME"):
            values["home"] = Path(env["TRAPPE_HOME"])
        if env.get("TRAPPE_KAFKA"):
            values["kafka_bootstrap"] = env["TRAPPE_KAFKA"]
        if env.get("TRAPPE_TOPIC"):
            values["topic"] = env["TRAPPE_TOPIC"]
        if env.get("TRAPPE_SPARK_MASTER"):
            values["spark_master"] = env["TRAPPE_SPARK_MASTER"]
        if env.get("TRAPPE_SPARK_DRIVER_MEMORY"):
            values["spark_driver_memory"] = env["TRAPPE_SPARK_DRIVER_MEMORY"]
        if env.get("TRAPPE_SPARK_SHUFFLE_PARTITIONS"):
            values["spark_shuffle_partitions"] = env["TRAPPE_SPARK_SHUFFLE_PARTITIONS"]
        if env.get("TRAPPE_SPARK_UI"):
            values["spark_ui"] = _flag(env["TRAPPE_SPARK_UI"])
        if env.get("TRAPPE_KAFKA_CONFIG"):
            values["kafka_config_file"] = Path(env["TRAPPE_KAFKA_CONFIG"])
        if env.get("TRAPPE_KAFKA_CLIENT"):
            values["kafka_client"] = env["TRAPPE_KAFKA_CLIENT"].strip().lower()
        if env.get("TRAPPE_PSEUDONYM_KEY"):
            values["pseudonym_secret"] = env["TRAPPE_PSEUDONYM_KEY"]
        if env.get("TRAPPE_DEMO"):
            values["demo"] = _flag(env["TRAPPE_DEMO"])
        if env.get("TRAPPE_DBT_PROJECT"):
            values["dbt_project_dir"] = Path(env["TRAPPE_DBT_PROJECT"])
        if env.get("TRAPPE_DBT_THREADS"):
            values["dbt_threads"] = int(env["TRAPPE_DBT_THREADS"])
        if env.get("TRAPPE_DBT_MEMORY_LIMIT"):
            values["dbt_memory_limit"] = env["TRAPPE_DBT_MEMORY_LIMIT"]
        for name in ("warning", "critical"):
            key = f"TRAPPE_QUARANTINE_{name.upper()}_DAYS"
            if env.get(key):
                values[f"quarantine_{name}_days"] = _days(key, env[key])
        if env.get("TRAPPE_DEBUG"):
            values["debug"] = _flag(env["TRAPPE_DEBUG"])
        if env.get("TRAPPE_USERS_FILE"):
            values["users_file"] = Path(env["TRAPPE_USERS_FILE"])
        if env.get("TRAPPE_OIDC_ROLES_CLAIM"):
            values["oidc_roles_claim"] = env["TRAPPE_OIDC_ROLES_CLAIM"]
        if env.get("TRAPPE_OIDC_TEAMS_CLAIM"):
            values["oidc_teams_claim"] = env["TRAPPE_OIDC_TEAMS_CLAIM"]
        for name, value in overrides.items():
            if value is not None:
                values[name] = Path(value) if name == "home" else value  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def seeds_dir(self) -> Path:
        return self.dbt_project_dir / "seeds"

    @property
    def dlq_topic(self) -> str:
        return self.topic + DLQ_SUFFIX

    # bronze and dead letters: Delta tables written by ingestion (ingestion.store)
    @property
    def bronze_dir(self) -> Path:
        return self.home / "bronze" / "events"

    @property
    def deadletter_dir(self) -> Path:
        return self.home / "deadletter" / "records"

    @property
    def ingest_runs_dir(self) -> Path:
        return self.home / "ingest_runs"

    # silver: transformations
    @property
    def silver_dir(self) -> Path:
        """One Delta table a silver table, and the release naming the version of each that
        readers read (trappe.core.lakehouse.SilverRelease)."""
        return self.home / "silver"

    @property
    def live_cycles_file(self) -> Path:
        """Live mode's record, one JSON line a cycle (trappe.core.live_record.Cycle)."""
        return self.home / "live" / "cycles.jsonl"

    @property
    def transform_runs_dir(self) -> Path:
        return self.home / "transform_runs"

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

    @property
    def export_log_dir(self) -> Path:
        return self.home / "export_log"

    @property
    def dashboard_users_file(self) -> Path:
        return self.users_file or self.home / "users.toml"

    @property
    def locks_dir(self) -> Path:
        return self.home / "_locks"

    def ensure(self) -> Settings:
        self.home.mkdir(parents=True, exist_ok=True)
        return self


def settings(home: str | os.PathLike[str] | None = None, **overrides: object) -> Settings:
    """The settings of this process's environment, with the lake at `home` when given."""
    return Settings.from_env(None, home=home, **overrides)


# The repository's dbt project and its seeds, for code that reads a seed without a Settings
# (the KPI catalogue, the dashboard's labels).
DBT_PROJECT_DIR = Settings.from_env().dbt_project_dir
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
