"""The pipeline verbs: `trappe build` (transform → dbt → quality gate → publish) and `trappe run`
(the whole embedded-default job, from a simulated municipality to the dashboard).

Each verb is a thin click wrapper over a typed function here (`build_lake`, `run_demo`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

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


def build_lake(
    cfg: Settings,
    *,
    as_of: datetime | None = None,
    reporting_start: date | None = None,
    full_refresh: bool = False,
    spark_master: str | None = None,
):
    """Transform bronze → silver, screen the input, build the marts into staging from the input
    minus the quarantine, and publish them if they pass. `as_of` defaults to now (the wall
    clock); `reporting_start` to 1 January of the year of the earliest recorded_at
    (docs/kpis.md, "Reporting window")."""
    from expectations.gate import screen, validate_and_publish
    from transformations import run_transform
    from trappe.warehouse import dbt_build

    # one T for the gate and dbt: the quarantine is what a build as of T cannot place
    as_of = as_of or datetime.now(UTC)
    with stage("transform: bronze → silver (Spark)"):
        run_transform(cfg, full_refresh=full_refresh, spark_master=spark_master)
    # fail fast: dbt never builds from input the gate refuses, nor from held events (dates
    # decades away would otherwise span its daily projections into billions of rows)
    with stage("quality gate: screen bronze and silver, quarantine"):
        screening = screen(cfg, as_of=as_of)
    if not screening.passed:
        raise BuildFailed(screening.message)
    with stage("dbt build: staging → intermediate → marts"):
        dbt_build(
            cfg,
            as_of=as_of,
            reporting_start=reporting_start,
            extra_vars={"quarantine_path": str(screening.quarantine_path.resolve())},
        )
    with stage("quality gate: validate and publish"):
        result = validate_and_publish(cfg, screening=screening)
    if not result.published:
        raise BuildFailed(result.message)
    return result


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
@click.option("--full-refresh", is_flag=True, help="Rebuild silver from all of bronze.")
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
    "use_kafka",
    is_flag=True,
    help="Go through a local Apache Kafka broker instead of the JSON Lines file.",
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
def run(home, scenario, seed, use_kafka, export_dir, dashboard, port):
    """The whole embedded-default job: simulate, ingest, build, validate, publish, export."""
    cfg = make_settings(home)
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
