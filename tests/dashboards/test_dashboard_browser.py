"""One real-browser smoke test: `trappe dashboard` served to headless Chromium.

Needs Debian's chromium (`apt-get install -y chromium`) and the `playwright` Python package;
Playwright's own browser download is not used.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from dashboard_marts import build_published_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"trappe dashboard exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"dashboard not healthy at {url} after {timeout} s")


@pytest.fixture
def server(tmp_path):
    home = tmp_path / "lake"
    build_published_db(home / "warehouse" / "published.duckdb")
    port = _free_port()
    log = (tmp_path / "dashboard.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "trappe.app.cli", "dashboard", "--home", str(home), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={k: v for k, v in os.environ.items() if k != "TRAPPE_HOME"},
    )
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        # the CLI and the Streamlit child share a session of their own: stop exactly those
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                    "(apt-get install -y chromium)")
def test_dashboard_in_a_real_browser(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2200})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server)
            page.get_by_role("heading", name="Overblik", exact=True).wait_for(timeout=60_000)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=stSkeleton]')", timeout=60_000)
            page.get_by_text("41,9 årsbørn").first.wait_for(timeout=30_000)
            assert page.get_by_text("Data opgjort pr.").count() == 1
            assert page.get_by_text("Godkendt med advarsler").count() >= 1
            assert page.locator("[data-testid=stVegaLiteChart], .vega-embed").count() >= 3
            page.screenshot(path=str(tmp_path / "overblik.png"), full_page=True)

            page.get_by_role("link", name="Kvalitet", exact=True).click()
            page.get_by_role("heading", name="Kvalitet", exact=True).wait_for(timeout=60_000)
            page.get_by_text("ikke signifikant").first.wait_for(timeout=30_000)
            page.screenshot(path=str(tmp_path / "kvalitet.png"), full_page=True)
            assert not errors, errors
        finally:
            browser.close()
    assert (tmp_path / "overblik.png").stat().st_size > 50_000
    print(f"screenshots in {tmp_path}")
