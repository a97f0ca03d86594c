"""`trappe dashboard`: start Streamlit on the published marts."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import click

from trappe.config import settings

APP = Path(__file__).with_name("app.py")


def streamlit_command(port: int, address: str) -> list[str]:
    """The Streamlit invocation: headless, and never phoning home (case data stays local)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
        "--theme.base", "light",
        "--theme.primaryColor", "#00587C",
    ]


def _port_free(address: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address if address != "localhost" else "127.0.0.1", port))
        except OSError:
            return False
    return True


@click.command("dashboard")
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The lake (TRAPPE_HOME); the dashboard reads warehouse/published.duckdb in it.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="localhost", show_default=True,
              help="Interface to listen on; 0.0.0.0 to serve other machines.")
def dashboard(home: Path | None, port: int, address: str) -> None:
    """Start the Streamlit dashboard on the published marts (read-only)."""
    cfg = settings(home)
    lake = cfg.home.resolve()
    if not cfg.published_db.is_file():
        click.echo(
            f"No published marts at {cfg.published_db}: the dashboard will say so. "
            "Run `trappe run` (the whole job on simulated data) or `trappe build` first.",
            err=True,
        )
    if not _port_free(address, port):
        raise click.ClickException(f"port {port} on {address} is in use; choose one with --port")
    env = {**os.environ, "TRAPPE_HOME": str(lake)}
    click.echo(f"Dashboard for {lake} on http://{address}:{port}  (Ctrl+C stops it)", err=True)
    server = subprocess.Popen(streamlit_command(port, address), env=env)
    try:
        code = server.wait()
    except KeyboardInterrupt:
        # Streamlit got the same Ctrl+C; let it shut down cleanly rather than kill it.
        code = server.wait()
    sys.exit(code)
