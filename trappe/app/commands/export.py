"""`trappe export`: the partnership export of the published marts, or of marts built as of T."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import click

from trappe.app.commands import OneLineErrors
from trappe.core.settings import settings as make_settings
from trappe.export import export_kpis
from trappe.warehouse import dbt_build, parse_as_of


@click.command(cls=OneLineErrors)
@click.option(
    "--period",
    "periods",
    multiple=True,
    required=True,
    help="A period: 2015, 2015H1 or 2015-06. Repeat for several.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory for kpis.csv and metadata.json.",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help="Export as of this transaction time (ISO 8601; a bare date is 00:00 Copenhagen). "
    "Builds the marts into a separate DuckDB file.",
)
@click.option(
    "--suppress/--no-suppress",
    "apply_suppression",
    default=False,
    show_default=True,
    help="Blank counts 1-4 and enough other cells that they cannot be recovered.",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The lake (default: $TRAPPE_HOME or ./lake).",
)
def export(periods, fmt, out, as_of, apply_suppression, home):
    """Write the partnership export (kpis.csv + metadata.json) for the given periods."""
    cfg = make_settings(home)
    database, source = None, "published"
    if as_of:
        try:
            as_of_ts = parse_as_of(as_of)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--as-of") from None
        stamp = f"{as_of_ts.astimezone(UTC):%Y%m%dT%H%M%S}"
        database = cfg.warehouse_dir / "as_of" / f"kpis_{stamp}.duckdb"
        database.unlink(missing_ok=True)  # always rebuild: late events recorded before T count
        dbt_build(cfg, as_of=as_of_ts, database=database)
        source = "as_of_build"
    metadata = export_kpis(
        cfg,
        list(periods),
        out,
        database=database,
        source=source,
        apply_suppression=apply_suppression,
    )
    click.echo(
        f"wrote {metadata['rows']} rows to {out / 'kpis.csv'} "
        f"(as of {metadata['as_of']}, data quality {metadata['data_quality']})"
    )
