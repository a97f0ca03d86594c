"""The dashboard in a real browser: `trappe dashboard` served to Debian's headless Chromium.

Each role signs in through the login form, opens every page it is offered, finds a number it
knows from the fixture, and never sees what its role does not allow. Every page's visible text
is scanned for English UI words and raw codes. Needs Debian's chromium (`make browser`) and
the `playwright` Python package; Playwright's own browser download is not used.

Every page is saved as a screenshot; `DASHBOARD_SCREENSHOTS=docs/img .venv/bin/pytest
tests/dashboards/test_dashboard_browser.py -k pilot` refreshes the README's (the team leader's,
who is offered every page).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboards.downloads import slug
from tests.support.browser import (
    ROLE_PAGES,
    chromium_page,
    free_port,
    leaks,
    nav_titles,
    needs_chromium,
    open_page,
    settle,
    stop_server,
    visible_text,
    wait_healthy,
)
from tests.support.dashboard_app import PASSWORD, write_test_users
from tests.support.dashboard_marts import build_published_db


def test_the_leak_scanner_finds_codes_and_english():
    assert leaks("Fra 5>2 og residential_institution, Running...") == [
        "Running",
        "residential_institution",
        "5>2",
        "residential_institution",
    ]
    assert leaks("Kontrol no_cpr_in_bronze") == ["no_cpr_in_bronze"]
    assert leaks("5 · Døgninstitution → 2 · Hjemmebaserede indsatser, SDQ-totalscore") == []


def start_server(home: Path, log: Path) -> tuple[subprocess.Popen, str]:
    build_published_db(home / "warehouse" / "published.duckdb")
    write_test_users(home)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAPPE_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trappe.app.cli",
            "dashboard",
            "--home",
            str(home),
            "--port",
            str(port),
        ],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
        cwd=home,  # no .streamlit/secrets.toml here: the local users file signs in
    )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, proc)
    except AssertionError:
        stop_server(proc)
        raise
    return proc, url


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser") / "lake"
    home.mkdir()
    proc, url = start_server(home, home.parent / "dashboard.log")
    yield url
    stop_server(proc)


def sign_in(page, url: str, user: str) -> None:
    page.goto(url)
    page.get_by_label("Brugernavn").fill(user)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Overblik", exact=True).wait_for(timeout=60_000)
    settle(page)


def screenshot(page, path: Path) -> Path:
    """The whole page as a PNG (Streamlit scrolls inside its main block, so the window is grown
    to the page's length first)."""
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 7000)})
    settle(page)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1440, "height": 1000})
    return path


def screenshot_dir(user: str, tmp_path: Path) -> Path:
    """Where a role's page screenshots go: the team leader's (who sees every page) to
    DASHBOARD_SCREENSHOTS when set (`docs/img` for the README), all others to the test's tmp."""
    target = os.environ.get("DASHBOARD_SCREENSHOTS")
    out = Path(target) if target and user == "pilot" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    return out


def capture(url: str, out_dir: Path, user: str = "pilot") -> list[Path]:
    """Screenshots of every page the user is offered (for the README)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    with chromium_page() as page:
        sign_in(page, url, user)
        for title in ROLE_PAGES[user]:
            open_page(page, title)
            shots.append(screenshot(page, out_dir / f"dashboard-{slug(title)}.png"))
    return shots


@needs_chromium
@pytest.mark.parametrize("user", ["leder", "pilot", "data"])
def test_each_role_in_a_real_browser(server, user, tmp_path):
    with chromium_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server)
        page.get_by_label("Brugernavn").wait_for(timeout=60_000)
        settle(page)
        login_text = visible_text(page)
        assert "41,9" not in login_text and not leaks(login_text), leaks(login_text)
        sign_in(page, server, user)
        assert page.evaluate("document.documentElement.lang") == "da"
        assert nav_titles(page) == ROLE_PAGES[user]
        found = {}
        shots = screenshot_dir(user, tmp_path)
        for title in ROLE_PAGES[user]:
            text = open_page(page, title)
            found[title] = leaks(text, identifiers=not (user == "data" and title == "Datakvalitet"))
            if user != "pilot":  # case lists are for team leaders only
                assert "C657-000101" not in text and "W657-PP001" not in text
            if title == "Datakvalitet":
                dead_letters = "Ingen afviste hændelser i søen."
                assert (dead_letters in text) == (user == "data")
            shot = screenshot(page, shots / f"dashboard-{slug(title)}.png")
            assert shot.stat().st_size > 10_000  # a drawn page, not a blank one
        assert not errors, errors
        assert not any(found.values()), {k: v for k, v in found.items() if v}


@needs_chromium
def test_signing_out_in_the_browser_ends_the_session(server):
    with chromium_page(locale=None) as page:
        sign_in(page, server, "pilot")
        page.get_by_role("button", name="Log ud").click()
        page.get_by_role("button", name="Log ind").wait_for(timeout=30_000)
        assert "Teamets sager" not in page.inner_text("body")


if __name__ == "__main__":
    import tempfile

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img").resolve()
    with tempfile.TemporaryDirectory() as scratch:
        lake = Path(scratch) / "lake"
        lake.mkdir()
        proc, url = start_server(lake, Path(scratch) / "dashboard.log")
        try:
            for shot in capture(url, target):
                print(shot)
        finally:
            stop_server(proc)
