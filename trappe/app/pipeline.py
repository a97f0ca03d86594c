"""The pipeline verbs: `trappe build` (transform → dbt → quality gate → publish) and `trappe run`
(the whole embedded-default job, from a simulated municipality to the dashboard).

Each verb is a thin click wrapper over a typed function here (`build_lake`, `run_demo`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

from trappe.app.commands import OneLineErrors
from trappe.core.errors import TrappeError
from trappe.core.settings import Settings
from trappe.core.settings import settings as make_settings

DEFAULT_EXPORT_PERIODS = ("2013", "2013H2", "2014", "2015", "2015H1", "2015H2", "2016")


class BuildFailed(TrappeError):
    """The quality gate refused to publish; the previous published data stays in place."""


@contextmanager
def stage(name: str) -> Iterator[None]:
    started = time.perf_counter()
    click.secho(f"▶ {name}", bold=True, err=True)
    yield
    click.secho(f"✔ {name} ({time.perf_counter() - started:.1f} s)", fg="green", err=True)


def _parse_as_of(value: str | None) -> datetime | None:
    from trappe.warehouse import parse_as_of

    if value is None:
        return None
    try:
        return parse_as_of(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


# The build's steps, in their one order; `trappe build`, `trappe run` and live mode's cycles all
# run them through `run_build_steps`.
BUILD_STEPS = {
    "transform": "transform: bronze → silver (Spark)",
    "screen": "quality gate: screen bronze and silver, quarantine",
    "dbt": "dbt build: staging → intermediate → marts",
    "gate": "quality gate: validate and publish",
}


@dataclass
class BuildProgress:
    """What a build has done: the step running (the one that failed, after an error), each
    finished step's result and its seconds."""

    step: str = "transform"
    transform: Any = None  # transformations' RunRecord
    as_of: datetime | None = None
    screening: Any = None
    dbt: Any = None
    gate: Any = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def skipped(self) -> bool:
        """The transform found nothing new and the build stopped there (skip_if_unchanged)."""
        return self.transform is not None and self.screening is None and self.step == "transform"


def run_build_steps(
    cfg: Settings,
    progress: BuildProgress,
    *,
    as_of: datetime | Callable[[], datetime] | None = None,
    reporting_start: date | None = None,
    full_refresh: bool = False,
    spark_master: str | None = None,
    spark: Any = None,
    data_docs: bool = True,
    skip_if_unchanged: bool = False,
    unit_tests: bool = True,
    announce: bool = True,
) -> BuildProgress:
    """Transform bronze → silver, screen the input, build the marts into staging from the input
    minus the quarantine, and publish them if they pass; `progress` says how far it got.

    `as_of` is T, or a function that gives T once silver is up to date (a replayed feed's own
    clock); None is now (the wall clock). With `skip_if_unchanged`, a transform that read no
    new bronze file ends the build there: nothing downstream can change. `unit_tests=False`
    skips dbt's unit tests (trappe.warehouse.dbt_build). Raises BuildFailed
    when the screening or the gate refuses."""
    from expectations.gate import screen, validate_and_publish
    from transformations import run_transform
    from trappe.warehouse import dbt_build

    @contextmanager
    def step(key: str) -> Iterator[None]:
        progress.step = key
        started = time.perf_counter()
        with stage(BUILD_STEPS[key]) if announce else nullcontext():
            yield
        progress.seconds[key] = round(time.perf_counter() - started, 3)

    with step("transform"):
        progress.transform = run_transform(
            cfg, full_refresh=full_refresh, spark_master=spark_master, spark=spark
        )
    if skip_if_unchanged and progress.transform.mode == "noop":
        return progress
    # one T for the gate and dbt: the quarantine is what a build as of T cannot place
    progress.as_of = (as_of() if callable(as_of) else as_of) or datetime.now(UTC)
    # fail fast: dbt never builds from input the gate refuses, nor from held events (dates
    # decades away would otherwise span its daily projections into billions of rows)
    with step("screen"):
        progress.screening = screen(cfg, as_of=progress.as_of)
    if not progress.screening.passed:
        raise BuildFailed(progress.screening.message)
    with step("dbt"):
        progress.dbt = dbt_build(
            cfg,
            as_of=progress.as_of,
            reporting_start=reporting_start,
            extra_vars={"quarantine_path": str(progress.screening.quarantine_path.resolve())},
            unit_tests=unit_tests,
            full_refresh=full_refresh,
        )
    with step("gate"):
        progress.gate = validate_and_publish(cfg, data_docs=data_docs, screening=progress.screening)
    if not progress.gate.published:
        raise BuildFailed(progress.gate.message)
    return progress


def build_lake(
    cfg: Settings,
    *,
    as_of: datetime | None = None,
    reporting_start: date | None = None,
    full_refresh: bool = False,
    spark_master: str | None = None,
):
    """The build (`run_build_steps`), announced step by step; returns the gate's result.
    `as_of` defaults to now (the wall clock); `reporting_start` to 1 January of the year of the
    earliest recorded_at (docs/kpis.md, "Reporting window")."""
    progress = run_build_steps(
        cfg,
        BuildProgress(),
        as_of=as_of,
        reporting_start=reporting_start,
        full_refresh=full_refresh,
        spark_master=spark_master,
    )
    return progress.gate


home_option = click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="Lake directory (default: $TRAPPE_HOME or ./lake).",
)


@click.command(cls=OneLineErrors)
@home_option
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="TIMESTAMP",
    help="Build from the events recorded by this time T; open cases and placements "
    "count up to T's date (default: now).",
)
@click.option(
    "--reporting-start",
    "reporting_start",
    default=None,
    metavar="DATE",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First day of the reporting window (default: 1 January of the year of the "
    "earliest recorded_at).",
)
@click.option(
    "--full-refresh",
    is_flag=True,
    help="Rebuild silver from all of bronze, and the incremental marts from scratch.",
)
@click.option(
    "--spark-master",
    default=None,
    metavar="URL",
    help="Spark master (default: $TRAPPE_SPARK_MASTER or local[*]).",
)
def build(home, as_of, reporting_start, full_refresh, spark_master):
    """Transform, build the dbt marts, validate them and publish if the gate passes."""
    cfg = make_settings(home).ensure()
    result = build_lake(
        cfg,
        as_of=_parse_as_of(as_of),
        reporting_start=reporting_start.date() if reporting_start else None,
        full_refresh=full_refresh,
        spark_master=spark_master,
    )
    click.echo(result.message)
    click.echo(f"published: {cfg.published_db}")


@dataclass(frozen=True)
class DemoResult:
    events_file: Path
    export_dir: Path
    seconds: float


def run_demo(
    cfg: Settings,
    *,
    scenario: str = "herning-pilot",
    seed: int = 1,
    use_kafka: bool = False,
    export_dir: Path | None = None,
) -> DemoResult:
    """The embedded-default job on simulated data: simulate → ingest → build → export.

    Each stage calls the same typed function its own verb calls, so the demo exercises the
    code paths of production use. Simulated data may use the published demo key.
    """
    from ingestion.file_source import ingest_file
    from trappe.export import export_kpis
    from trappe.simulate import build_scenario, simulate_to_file

    cfg = cfg.with_(demo=True).ensure()
    events_file = cfg.home / "input" / f"{scenario}-seed{seed}.jsonl"
    events_file.parent.mkdir(parents=True, exist_ok=True)
    export_path = export_dir or cfg.home / "export"
    started = time.perf_counter()

    with stage(f"simulate: {scenario} (seed {seed})"):
        world = build_scenario(scenario)
        summary = simulate_to_file(events_file, world, seed)
        click.echo(f"{summary.lines} lines -> {events_file}", err=True)
    if use_kafka:
        from ingestion.kafka_client import ensure_topics
        from ingestion.kafka_source import DEFAULT_BATCH_RECORDS, KafkaIngest
        from ingestion.local_broker import LocalBroker
        from ingestion.producer import publish_lines

        with LocalBroker() as broker:
            with stage(f"produce: {events_file.name} → Kafka {broker.bootstrap}"):
                ensure_topics(broker.bootstrap, [cfg.topic, cfg.dlq_topic], 3)
                with events_file.open("rb") as lines:
                    publish_lines(broker.bootstrap, cfg.topic, lines)
            with stage("ingest: Kafka → bronze"):
                job = KafkaIngest(
                    cfg, broker.bootstrap, topic=cfg.topic, batch_records=DEFAULT_BATCH_RECORDS
                )
                run_id, counts = job.run()
                click.echo(f"ingest {run_id}: {counts.summary()}", err=True)
    else:
        with stage("ingest: file → bronze"):
            run_id, counts = ingest_file(cfg, events_file)
            click.echo(f"ingest {run_id}: {counts.summary()}", err=True)
    # the demo's "now" is the simulated one, the scenario's end, not this machine's clock; the
    # history before the scenario's start only gives its cases their true start
    build_lake(cfg, as_of=world.now, reporting_start=world.start)
    with stage("export: partnership reporting"):
        metadata = export_kpis(cfg, list(DEFAULT_EXPORT_PERIODS), export_path)
        click.echo(f"wrote {metadata['rows']} rows to {export_path / 'kpis.csv'}", err=True)
    return DemoResult(events_file, export_path, time.perf_counter() - started)


@click.command(cls=OneLineErrors)
@home_option
@click.option(
    "--scenario",
    default="herning-pilot",
    show_default=True,
    help="Simulator scenario for the demo municipality.",
)
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--kafka",
    "kafka",
    is_flag=False,
    flag_value="local",
    default=None,
    metavar="[HOST:PORT]",
    help="Go through a local Apache Kafka broker instead of the JSON Lines file; with "
    "HOST:PORT and --follow, consume that broker continuously (live mode).",
)
@click.option(
    "--follow",
    is_flag=True,
    help="Live mode: consume --kafka HOST:PORT until SIGTERM, and every --cycle-seconds or "
    "--cycle-events transform, build, validate and publish (trappe.app.live).",
)
@click.option(
    "--cycle-seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Live mode: the longest wait between cycles while events arrive (a cycle with "
    "nothing new does nothing).",
)
@click.option(
    "--cycle-events",
    type=click.IntRange(min=1),
    default=20_000,
    show_default=True,
    help="Live mode: start a cycle as soon as this many new events are in bronze.",
)
@click.option(
    "--clock",
    type=click.Choice(["wall", "feed"]),
    default="wall",
    show_default=True,
    help="Live mode: build as of now (wall) or as of the newest recorded_at (feed, for a "
    "replayed or simulated stream).",
)
@click.option("--topic", default=None, help="Live mode: topic (default: $TRAPPE_TOPIC).")
@click.option("--group", default="trappe-lake", show_default=True, help="Live mode: group.")
@click.option(
    "--client",
    type=click.Choice(["kafka-python", "confluent"]),
    default=None,
    help="Live mode: Kafka client library (default: $TRAPPE_KAFKA_CLIENT or kafka-python).",
)
@click.option(
    "--export-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the partnership export (default: <home>/export).",
)
@click.option(
    "--dashboard/--no-dashboard",
    default=True,
    show_default=True,
    help="Start the dashboard at the end.",
)
@click.option("--port", default=8501, show_default=True, type=int, help="Dashboard port.")
def run(
    home,
    scenario,
    seed,
    kafka,
    follow,
    cycle_seconds,
    cycle_events,
    clock,
    topic,
    group,
    client,
    export_dir,
    dashboard,
    port,
):
    """The whole embedded-default job: simulate, ingest, build, validate, publish, export.

    With `--kafka HOST:PORT --follow`: live mode on that broker's feed instead (no simulation)."""
    cfg = make_settings(home)
    if follow or (kafka not in (None, "local")):
        from trappe.app.live import follow_command

        follow_command(cfg, kafka, follow, cycle_seconds, cycle_events, clock, topic, group, client)
        return
    use_kafka = kafka == "local"
    result = run_demo(cfg, scenario=scenario, seed=seed, use_kafka=use_kafka, export_dir=export_dir)
    click.echo()
    click.secho(f"Done in {result.seconds:.0f} s. Where to look:", bold=True)
    click.echo(f"  published marts : {cfg.published_db}  (duckdb, table kpi_values)")
    click.echo(f"  export          : {result.export_dir}/kpis.csv and metadata.json")
    click.echo(f"  data quality    : {cfg.quality_dir}/data_docs/index.html")
    click.echo(f"  dead letters    : {cfg.deadletter_dir}")
    # the dashboard asks who is looking: one demo user of each role, fresh passwords each run
    from dashboards.users import create_demo_users, demo_login_lines

    users_file = cfg.dashboard_users_file
    for line in demo_login_lines(create_demo_users(users_file), users_file):
        click.echo(line)
    if dashboard:
        from dashboards.server import serve

        click.echo(f"  dashboard       : http://localhost:{port}  (Ctrl-C to stop)")
        raise SystemExit(serve(cfg, port=port))
