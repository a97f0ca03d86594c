"""Fixtures for the dashboard tests: a small published DuckDB file in a temporary lake, and
the users of each role, who sign in through the dashboard's own login form."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_marts import build_published_db
from streamlit.testing.v1 import AppTest

from dashboards.users import (
    DATA_ENGINEER,
    MANAGEMENT,
    TEAM_LEADER,
    User,
    hash_password,
    write_users,
)

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PAGES = [
    "overblik",
    "indsatstrappen",
    "opfoelgning",
    "underretninger",
    "oekonomi",
    "kvalitet",
    "effekt",
    "datakvalitet",
]
PASSWORD = "korrekt hest batteri"
# user name -> (role, teams); one of each role, and a team leader of the pilot team
ROLES = {"leder": (MANAGEMENT, ()), "pilot": (TEAM_LEADER, ("pilot",)), "data": (DATA_ENGINEER, ())}
_HASH = hash_password(PASSWORD)  # scrypt is slow on purpose: hash once for the whole run


def write_test_users(home: Path) -> Path:
    path = home / "users.toml"
    write_users(
        path,
        {
            name: User(name, role, f"Test {name}", teams, None, _HASH)
            for name, (role, teams) in ROLES.items()
        },
    )
    return path


@pytest.fixture
def lake(tmp_path, monkeypatch) -> Path:
    """An empty lake with the test users, and TRAPPE_HOME pointing at it (the way
    `trappe dashboard` passes it)."""
    home = tmp_path / "lake"
    home.mkdir()
    write_test_users(home)
    monkeypatch.setenv("TRAPPE_HOME", str(home))
    monkeypatch.delenv("TRAPPE_USERS_FILE", raising=False)
    return home


@pytest.fixture
def published(lake) -> Path:
    return build_published_db(lake / "warehouse" / "published.duckdb")


def log_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def run_app(page: str | None = None, user: str | None = "leder") -> AppTest:
    """The app signed in as `user` (None: not signed in), on `page` when given."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    if user is not None:
        log_in(at, user)
    if page is not None:
        at.switch_page(f"views/{page}.py").run()
    return at


@pytest.fixture
def app():
    return run_app
