"""`trappe validate`: run the suites without publishing; non-zero exit on a critical failure."""

from __future__ import annotations

import click

from trappe.app.commands import OneLineErrors
from trappe.core.settings import settings as make_settings

LAYER_CHOICES = ("bronze", "silver", "marts", "all")


@click.command(cls=OneLineErrors)
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="The lake (TRAPPE_HOME, default ./lake).",
)
@click.option(
    "--layer",
    type=click.Choice(LAYER_CHOICES),
    default="all",
    show_default=True,
    help="Which layer's suite to run.",
)
@click.option(
    "--db",
    "db",
    type=click.Choice(("staging", "published")),
    default="staging",
    show_default=True,
    help="Which warehouse file the marts suite reads.",
)
@click.option("--no-data-docs", is_flag=True, help="Skip rendering GX data docs.")
@click.option(
    "--list-checks",
    is_flag=True,
    help="List the checks with their severity, what they hold and their proof fixtures, and exit.",
)
def validate(home: str | None, layer: str, db: str, no_data_docs: bool, list_checks: bool) -> None:
    """Run the Great Expectations suites on bronze, silver and the marts.

    Results go to quality/results/<run_id>.parquet and quality/data_docs/; nothing is published.
    """
    from expectations.checks import LAYERS
    from expectations.config import QualityConfig
    from expectations.gate import build_as_of, store_results
    from expectations.runner import run_suites
    from expectations.suites import checks_for

    layers = LAYERS if layer == "all" else (layer,)
    settings = make_settings(home)
    if list_checks:
        for check in checks_for(layers, QualityConfig.from_settings(settings)):
            what = "holds" if check.holds else "blocks" if check.severity == "critical" else "flags"
            click.echo(f"{check.name:44} {check.severity:8} {what:6} {check.description}")
            click.echo(f"{'':44} proof: fires {', '.join(check.fires) or '(none)'}")
            click.echo(f"{'':44}        passes {', '.join(check.passes) or '(none)'}")
        return
    marts_db = settings.staging_db if db == "staging" else settings.published_db
    # comparing with the previous published build only makes sense for a staging build
    previous = settings.published_db if db == "staging" else None
    # the input as the build in the marts file saw it: as of its own T
    report = run_suites(
        settings,
        layers,
        marts_db=marts_db,
        previous_db=previous,
        data_docs=not no_data_docs,
        as_of=build_as_of(marts_db),
    )
    path = store_results(settings, report)
    click.echo(report.summary())
    for r in report.results:
        if r.success:
            click.echo(f"  ok      {r.message()}")
    click.echo(f"results: {path}")
    if report.data_docs_index:
        click.echo(f"data docs: {report.data_docs_index}")
    if report.critical_failures:
        raise SystemExit(1)
