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
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboards.downloads import slug
from tests.support.dashboard_app import PASSWORD, write_test_users
from tests.support.dashboard_marts import build_published_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)

# page title in the navigation -> (heading, a number the fixture puts on it, seen by every role)
PAGES = {
    "Overblik": ("Overblik", "41,9 årsbørn"),
    "Indsatstrappen": ("Indsatstrappen", "21 bevægelser"),
    "Opfølgning": ("Opfølgning", "42,0 %"),
    "Underretninger": ("Underretninger", "45,0 %"),
    "Økonomi": ("Økonomi", "-1,6 mio. kr."),
    "Kvalitet": ("Kvalitet", "p = 0,012"),
    "Forskel-i-forskelle": ("Forskel-i-forskelle", "2013 → 2015"),
    "Teamets sager": ("Teamets sager", "2 sager venter på en opfølgning"),
    "Datakvalitet": ("Datakvalitet", "3 kontroller, 1 ikke bestået."),
}
ROLE_PAGES = {
    "leder": [p for p in PAGES if p != "Teamets sager"],
    "pilot": list(PAGES),
    "data": [p for p in PAGES if p != "Teamets sager"],
}

# Words a Danish user must never meet: Streamlit's English chrome, and the marts' raw codes.
ENGLISH_UI = [
    "Skip to main content",
    "Running",
    "Deploy",
    "Rerun",
    "Clear cache",
    "Settings",
    "Choose an option",
    "Press Enter",
    "Made with Streamlit",
    "Record a screencast",
    "No results",
    "Download",
    "Fullscreen",
    "Search",
    "Page not found",
    "Log in",
    "Log out",
    "Username",
    "Password",
    "Submit",
    "Show",
    "Hide",
    "Close",
    "Loading",
]
RAW_CODES = [
    "residential_institution",
    "social_pedagogical_home",
    "secure_institution",
    "family_foster_care",
    "home_based_placement",
    "foster_family",
    "own_room",
    "network_foster_care",
    "placement.broke_down",
    "notification.",
    "followup.",
    "ladder.moved",
    "teacher",
    "parent",
    "self",
    "school",
    "police",
    "daycare",
    "health_visitor",
    "herning_2015",
    "legal_minimum",
    "planned",
    "not_assessed",
    "assessed_late",
    "passed_with_warnings",
    "child-years",
    "follow-ups",
    "DKK",
    "count",
    "cases",
    "moves",
    "children",
    "breakdown",
    "compliance",
    "half_year",
    "agresti_caffo",
    "poisson_rate_wald",
    "fisher_exact",
    "None",
    "NaN",
    "nan",
    "True",
    "False",
    "true",
    "false",
]
MOVE_CODE = re.compile(r"\b(\d|entry)>(\d|exit)\b")
# a code of the marts or the checks (`not_assessed`, `no_cpr_in_bronze`): letters joined by _
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def leaks(text: str, identifiers: bool = True) -> list[str]:
    """English UI words and raw codes in `text`; `identifiers=False` lets snake_case names
    pass (the data engineer's detail names checks and files)."""
    found = [
        w for w in ENGLISH_UI + RAW_CODES if re.search(rf"(?<![\w.]){re.escape(w)}(?!\w)", text)
    ]
    found += [m.group(0) for m in MOVE_CODE.finditer(text)]
    if identifiers:
        found += [m.group(0) for m in SNAKE_CASE.finditer(text)]
    return found


def test_the_leak_scanner_finds_codes_and_english():
    assert leaks("Fra 5>2 og residential_institution, Running...") == [
        "Running",
        "residential_institution",
        "5>2",
        "residential_institution",
    ]
    assert leaks("Kontrol no_cpr_in_bronze") == ["no_cpr_in_bronze"]
    assert leaks("5 · Døgninstitution → 2 · Hjemmebaserede indsatser, SDQ-totalscore") == []


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


def start_server(home: Path, log: Path) -> tuple[subprocess.Popen, str]:
    build_published_db(home / "warehouse" / "published.duckdb")
    write_test_users(home)
    port = _free_port()
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
        _wait_healthy(url, proc)
    except AssertionError:
        stop_server(proc)
        raise
    return proc, url


def stop_server(proc: subprocess.Popen) -> None:
    # the CLI and the Streamlit child share a session of their own: stop exactly those
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser") / "lake"
    home.mkdir()
    proc, url = start_server(home, home.parent / "dashboard.log")
    yield url
    stop_server(proc)


def settle(page) -> None:
    """Wait until Streamlit has finished the run: no skeleton, no running indicator."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]') && "
        "!document.querySelector('[data-testid=stStatusWidget]')",
        timeout=60_000,
    )
    # Streamlit draws a page in steps and shows its running indicator only after a while:
    # the run is over when the text stops changing
    text, deadline = None, time.monotonic() + 20
    while time.monotonic() < deadline:
        page.wait_for_timeout(400)
        now = page.inner_text("body")
        if now == text:
            break
        text = now


def sign_in(page, url: str, user: str) -> None:
    page.goto(url)
    page.get_by_label("Brugernavn").fill(user)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Overblik", exact=True).wait_for(timeout=60_000)
    settle(page)


def open_page(page, title: str) -> str:
    heading, known = PAGES[title]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
    page.get_by_text(known).first.wait_for(timeout=30_000)
    settle(page)
    return visible_text(page)


def visible_text(page) -> str:
    """The page's text as a user reads it: a Material icon is drawn from its ligature name
    (`fact_check`), which the eye sees as a picture, so those names are taken out."""
    text = page.inner_text("body")
    icons = set(page.get_by_test_id("stIconMaterial").all_inner_texts())
    for name in sorted(icons, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name.strip())}(?!\w)", " ", text)
    return text


def nav_titles(page) -> list[str]:
    # each link's text is its Material icon's ligature name, then its title
    return [
        t.strip().splitlines()[-1]
        for t in page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    ]


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
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="da-DK")
            sign_in(page, url, user)
            for title in ROLE_PAGES[user]:
                open_page(page, title)
                shots.append(screenshot(page, out_dir / f"dashboard-{slug(title)}.png"))
        finally:
            browser.close()
    return shots


@needs_chromium
@pytest.mark.parametrize("user", ["leder", "pilot", "data"])
def test_each_role_in_a_real_browser(server, user, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="da-DK")
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
                found[title] = leaks(
                    text, identifiers=not (user == "data" and title == "Datakvalitet")
                )
                if user != "pilot":  # case lists are for team leaders only
                    assert "C657-000101" not in text and "W657-PP001" not in text
                if title == "Datakvalitet":
                    dead_letters = "Ingen afviste hændelser i søen."
                    assert (dead_letters in text) == (user == "data")
                shot = screenshot(page, shots / f"dashboard-{slug(title)}.png")
                assert shot.stat().st_size > 10_000  # a drawn page, not a blank one
            assert not errors, errors
            assert not any(found.values()), {k: v for k, v in found.items() if v}
        finally:
            browser.close()


@needs_chromium
def test_signing_out_in_the_browser_ends_the_session(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            sign_in(page, server, "pilot")
            page.get_by_role("button", name="Log ud").click()
            page.get_by_role("button", name="Log ind").wait_for(timeout=30_000)
            assert "Teamets sager" not in page.inner_text("body")
        finally:
            browser.close()


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
