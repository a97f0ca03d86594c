"""`trappe export`: the partnership export of the published marts, or of marts built as of T;
`--list` shows the export log and `--reproduce EXPORT_ID` re-makes a logged export."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import click

from trappe.app.commands import OneLineErrors
from trappe.core.settings import settings as make_settings
from trappe.export import (
    DEFAULT_THRESHOLD,
    FORMATS,
    ExportError,
    ExportResult,
    list_exports,
    reproduce,
    write_export,
)
from trappe.warehouse import dbt_build, parse_as_of


@click.command(cls=OneLineErrors)
@click.option(
    "--period",
    "periods",
    multiple=True,
    help="A period: 2015, 2015H1 or 2015-06. Repeat for several.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="csv",
    show_default=True,
    help="csv: kpis.csv (the contract's table); xlsx: one workbook per municipality and period.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the files and metadata.json.",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help="Export as of this transaction time (ISO 8601; a bare date is 00:00 Copenhagen). "
    "Builds the marts into a separate DuckDB file, which the quality gate has not passed: "
    "needs --unvalidated.",
)
@click.option(
    "--suppress/--no-suppress",
    "suppress_small",
    default=None,
    help="Blank counts 1-THRESHOLD and every cell that would reveal them "
    "[default: on for xlsx, off for csv].",
)
@click.option(
    "--threshold",
    type=int,
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Counts from 1 to this are suppressed.",
)
@click.option(
    "--unvalidated",
    is_flag=True,
    default=False,
    help="Export figures the quality gate has not passed (the newest build), marked as such "
    "in the files, metadata.json and the log.",
)
@click.option("--list", "list_only", is_flag=True, help="List the logged exports and stop.")
@click.option(
    "--reproduce",
    "reproduce_id",
    default=None,
    metavar="EXPORT_ID",
    help="Re-make a logged export into --out, byte-identical to the original.",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The lake (default: $TRAPPE_HOME or ./lake).",
)
def export(
    periods,
    fmt,
    out,
    as_of,
    suppress_small,
    threshold,
    unvalidated,
    list_only,
    reproduce_id,
    home,
):
    """Write the partnership export (kpis.csv or workbooks, and metadata.json) and log it."""
    cfg = make_settings(home)
    if list_only:
        _list(cfg)
        return
    if out is None:
        raise click.UsageError("--out is required (the directory for the export)")
    if reproduce_id:
        if periods or as_of:
            raise click.UsageError("--reproduce takes the periods and as-of from the log")
        result = reproduce(cfg, reproduce_id, out)
        click.echo(
            f"re-made export {reproduce_id} as {result.export_id} in {out}: "
            f"{len(result.files)} files, byte-identical to the original"
        )
        return
    if not periods:
        raise click.UsageError("give at least one --period (or --list, or --reproduce)")
    database, source = None, "published"
    if as_of:
        if not unvalidated:
            raise ExportError(
                "--as-of builds marts the quality gate has not passed; add --unvalidated to "
                "export them, marked as unvalidated"
            )
        try:
            as_of_ts = parse_as_of(as_of)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--as-of") from None
        stamp = f"{as_of_ts.astimezone(UTC):%Y%m%dT%H%M%S}"
        database = cfg.warehouse_dir / "as_of" / f"kpis_{stamp}.duckdb"
        database.unlink(missing_ok=True)  # always rebuild: late events recorded before T count
        dbt_build(cfg, as_of=as_of_ts, database=database)
        source = "as_of_build"
    result = write_export(
        cfg,
        list(periods),
        out,
        fmt=fmt,
        suppress_small=suppress_small,
        threshold=threshold,
        database=database,
        source=source,
        unvalidated=unvalidated,
    )
    _report(result)


def _report(result: ExportResult) -> None:
    m = result.metadata
    suppressed = ""
    if result.suppression is not None:
        suppressed = f", {result.suppression.hidden_cells} rows suppressed"
    click.echo(
        f"export {result.export_id}: {result.rows} rows{suppressed} in {len(result.files)} files "
        f"under {result.out} (as of {m['as_of']}, data quality {m['data_quality']})"
    )
    if m.get("unvalidated"):
        click.echo("WARNING: " + m["warning"], err=True)


def _list(cfg) -> None:
    entries = list_exports(cfg)
    if not entries:
        click.echo(f"no exports logged in {cfg.export_log_dir}")
        return
    for e in entries:
        flags = [e.format, "suppressed" if e.suppressed else "not suppressed"]
        if e.unvalidated:
            flags.append("UNVALIDATED")
        if e.reproduces:
            flags.append(f"reproduces {e.reproduces}")
        click.echo(
            f"{e.export_id}  {e.created_at}  {e.user}  {','.join(e.periods)}  "
            f"as of {e.as_of}  {e.data_quality}  {'; '.join(flags)}  {e.out}"
        )
