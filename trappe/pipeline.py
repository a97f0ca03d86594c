"""The pipeline verbs: `trappe build` (transform → dbt → quality gate → publish) and `trappe run`
(the whole embedded-default job, from a simulated municipality to the dashboard).

`run` drives the other verbs exactly as a user would type them, so the demo exercises the same
code paths as production use.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

import click

from trappe.config import Settings, settings as make_settings

DEFAULT_EXPORT_PERIODS = ("2013", "2013H2", "2014", "2015", "2015H1", "2015H2", "2016")


class BuildFailed(click.ClickException):
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
    full_refresh: bool = False,
    spark_master: str | None = None,
):
    """Transform bronze → silver, build the marts into staging, and publish them if they pass."""
    from expectations.gate import validate_and_publish
    from transformations import run_transform
    from trappe.warehouse import dbt_build

    with stage("transform: bronze → silver (Spark)"):
        run_transform(cfg, full_refresh=full_refresh, spark_master=spark_master)
    with stage("dbt build: staging → intermediate → marts"):
        dbt_build(cfg, as_of=as_of)
    with stage("quality gate: validate and publish"):
        result = validate_and_publish(cfg)
    if not result.published:
        raise BuildFailed(result.message)
    return result


home_option = click.option(
    "--home", type=click.Path(file_okay=False), default=None,
    help="Lake directory (default: $TRAPPE_HOME or ./lake).",
)


@click.command()
@home_option
@click.option("--as-of", "as_of", default=None, metavar="TIMESTAMP",
              help="Build from the events recorded by this time (default: all events).")
@click.option("--full-refresh", is_flag=True, help="Rebuild silver from all of bronze.")
@click.option("--spark-master", default=None, metavar="URL",
              help="Spark master (default: $TRAPPE_SPARK_MASTER or local[*]).")
def build(home, as_of, full_refresh, spark_master):
    """Transform, build the dbt marts, validate them and publish if the gate passes."""
    cfg = make_settings(home).ensure()
    result = build_lake(cfg, as_of=_parse_as_of(as_of), full_refresh=full_refresh,
                        spark_master=spark_master)
    click.echo(result.message)
    click.echo(f"published: {cfg.published_db}")


def _invoke(command: click.Command, args: list[str]) -> None:
    """Run another verb in-process as if typed, letting its errors surface as they would."""
    command.main(args=args, prog_name=f"trappe {command.name}", standalone_mode=False)


@click.command()
@home_option
@click.option("--scenario", default="herning-pilot", show_default=True,
              help="Simulator scenario for the demo municipality.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--kafka", "use_kafka", is_flag=True,
              help="Go through a local Kafka-protocol broker instead of the JSON Lines file.")
@click.option("--export-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the partnership export (default: <home>/export).")
@click.option("--dashboard/--no-dashboard", default=True, show_default=True,
              help="Start the dashboard at the end.")
@click.option("--port", default=8501, show_default=True, type=int, help="Dashboard port.")
def run(home, scenario, seed, use_kafka, export_dir, dashboard, port):
    """The whole embedded-default job: simulate, ingest, build, validate, publish, export."""
    from trappe.export import export
    from trappe.simulate.cli import simulate
    from ingestion.cli import ingest

    os.environ.setdefault("TRAPPE_DEMO", "1")  # simulated data: the published demo key is fine
    cfg = make_settings(home).ensure()
    events_file = cfg.home / "input" / f"{scenario}-seed{seed}.jsonl"
    events_file.parent.mkdir(parents=True, exist_ok=True)
    export_path = Path(export_dir) if export_dir else cfg.home / "export"
    started = time.perf_counter()

    with stage(f"simulate: {scenario} (seed {seed})"):
        _invoke(simulate, ["--scenario", scenario, "--seed", str(seed), "--out", str(events_file)])
    if use_kafka:
        from ingestion.cli import produce
        from ingestion.local_broker import LocalBroker

        with LocalBroker() as broker:
            with stage(f"produce: {events_file.name} → Kafka {broker.bootstrap}"):
                _invoke(produce, ["--kafka", broker.bootstrap, "--from", str(events_file)])
            with stage("ingest: Kafka → bronze"):
                _invoke(ingest, ["--kafka", broker.bootstrap, "--home", str(cfg.home)])
    else:
        with stage("ingest: file → bronze"):
            _invoke(ingest, ["--from", str(events_file), "--home", str(cfg.home)])
    build_lake(cfg)
    with stage("export: partnership reporting"):
        _invoke(export, ["--home", str(cfg.home), "--format", "csv", "--out", str(export_path),
                         *[arg for p in DEFAULT_EXPORT_PERIODS for arg in ("--period", p)]])

    click.echo()
    click.secho(f"Done in {time.perf_counter() - started:.0f} s. Where to look:", bold=True)
    click.echo(f"  published marts : {cfg.published_db}  (duckdb, table kpi_values)")
    click.echo(f"  export          : {export_path}/kpis.csv and metadata.json")
    click.echo(f"  data quality    : {cfg.quality_dir}/data_docs/index.html")
    click.echo(f"  dead letters    : {cfg.deadletter_dir}")
    if dashboard:
        from dashboards.cli import dashboard as dashboard_command

        click.echo(f"  dashboard       : http://localhost:{port}  (Ctrl-C to stop)")
        _invoke(dashboard_command, ["--home", str(cfg.home), "--port", str(port)])
