"""The dashboard app under test: its pages, the users of each role (signed in through the app's
own login form) and a runner for `streamlit.testing.v1.AppTest`."""

from __future__ import annotations

from pathlib import Path

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
