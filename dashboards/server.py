"""Serving the dashboard: Streamlit on the published marts, headless and read-only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from trappe.core.errors import TrappeError
from trappe.core.settings import Settings

APP = Path(__file__).with_name("app.py")


class PortInUse(TrappeError):
    pass


def streamlit_command(port: int, address: str) -> list[str]:
    """The Streamlit invocation: headless, and never phoning home (case data stays local)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",
        "--theme.base", "light",
        "--theme.primaryColor", "#00587C",
    ]  # fmt: skip


def port_free(address: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address if address != "localhost" else "127.0.0.1", port))
        except OSError:
            return False
    return True


def serve(settings: Settings, *, port: int = 8501, address: str = "localhost") -> int:
    """Run the dashboard for the lake in `settings` until it stops; returns its exit code."""
    lake = settings.home.resolve()
    if not port_free(address, port):
        raise PortInUse(f"port {port} on {address} is in use; choose one with --port")
    # the Streamlit process reads its lake from its own environment, not from ours
    env = {**os.environ, "TRAPPE_HOME": str(lake)}
    server = subprocess.Popen(streamlit_command(port, address), env=env)
    try:
        return server.wait()
    except KeyboardInterrupt:
        # Streamlit got the same Ctrl+C; let it shut down cleanly rather than kill it.
        return server.wait()
