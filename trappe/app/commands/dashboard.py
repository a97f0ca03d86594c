"""`trappe dashboard`: start Streamlit on the published marts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboards.server import serve
from trappe.app.commands import OneLineErrors
from trappe.core.settings import settings


@click.command("dashboard", cls=OneLineErrors)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The lake (TRAPPE_HOME); the dashboard reads warehouse/published.duckdb in it.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option(
    "--address",
    default="localhost",
    show_default=True,
    help="Interface to listen on; 0.0.0.0 to serve other machines.",
)
def dashboard(home: Path | None, port: int, address: str) -> None:
    """Start the Streamlit dashboard on the published marts (read-only)."""
    cfg = settings(home)
    if not cfg.published_db.is_file():
        click.echo(
            f"No published marts at {cfg.published_db}: the dashboard will say so. "
            "Run `trappe run` (the whole job on simulated data) or `trappe build` first.",
            err=True,
        )
    click.echo(
        f"Dashboard for {cfg.home.resolve()} on http://{address}:{port}  (Ctrl+C stops it)",
        err=True,
    )
    sys.exit(serve(cfg, port=port, address=address))
