"""`trappe transform`: bring silver up to date with bronze."""

from __future__ import annotations

import click

from trappe.app.commands import OneLineErrors
from trappe.core.settings import settings as make_settings


@click.command(
    cls=OneLineErrors,
    help="Run the PySpark jobs bronze -> silver (upcast, dedupe, retractions, as-of).",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="The lake directory (default: $TRAPPE_HOME or ./lake).",
)
@click.option("--full-refresh", is_flag=True, help="Rebuild silver from all of bronze.")
@click.option(
    "--spark-master",
    default=None,
    metavar="URL",
    help="Spark master (default: $TRAPPE_SPARK_MASTER or local[*]).",
)
def transform(home: str | None, full_refresh: bool, spark_master: str | None) -> None:
    from transformations.job import run_transform
    from transformations.upcast import UnsupportedSchemaVersion

    try:
        record = run_transform(
            make_settings(home), full_refresh=full_refresh, spark_master=spark_master
        )
    except (UnsupportedSchemaVersion, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None
    if record.mode == "noop":
        click.echo(
            f"transform {record.run_id}: no new bronze versions; silver is release "
            f"{record.release} (bronze version {record.bronze_version})"
        )
        return
    touched = sum(len(t.partitions_touched) for t in record.tables.values())
    restored = (
        f" (restored {', '.join(sorted(record.restored))} after an unfinished run)"
        if record.restored
        else ""
    )
    click.echo(
        f"transform {record.run_id} ({record.mode}): {len(record.bronze_versions)} bronze "
        f"versions, {record.rows_in} rows in, {record.duplicates_removed} duplicates removed, "
        f"{record.retractions_applied} retractions applied, {touched} partitions rewritten, "
        f"{record.duration_s:.1f} s; silver release {record.release} "
        f"(bronze version {record.bronze_version}){restored}"
    )
    for table, stats in record.tables.items():
        if stats.partitions_touched:
            click.echo(
                f"  {table}: {stats.rows_out} rows ({stats.rows_written} written, "
                f"years {','.join(map(str, stats.partitions_touched))})"
            )
