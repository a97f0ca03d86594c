"""The dashboard in a real browser, for the tests that drive one: Debian's headless Chromium
through Playwright, the pages each role is offered, and a scanner for English words and raw codes
on a page."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

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


@contextmanager
def chromium_page(locale: str | None = "da-DK") -> Iterator[Any]:
    """A Playwright page in Debian's headless Chromium at a desktop's size; the browser closes
    afterwards, whatever the test did."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1440, "height": 1000}, locale=locale)
        finally:
            browser.close()


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
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


def stop_server(proc: subprocess.Popen) -> None:
    # the CLI and the Streamlit child share a session of their own: stop exactly those
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


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
