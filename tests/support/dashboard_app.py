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


def texts(at) -> str:
    """Everything a user reads on the page, as one string."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption")
        for e in getattr(at, kind)
    ]
    parts += [
        e.value for kind in ("info", "warning", "error", "success") for e in getattr(at, kind)
    ]
    parts += [f"{m.label}: {m.value} {m.delta or ''}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def metrics_of(at, unit_label: str) -> dict[str, tuple[str, str]]:
    """label -> (value, delta) of the KPI cards in the bordered box of one unit."""
    for block in at.main.children.values():
        found = _find_box(block, unit_label)
        if found is not None:
            return found
    raise AssertionError(f"no KPI box for {unit_label}")


def _find_box(node, unit_label):
    children = getattr(node, "children", {})
    markdowns = [c for c in children.values() if getattr(c, "type", None) == "markdown"]
    if any(m.value == f"**{unit_label}**" for m in markdowns):
        return {m.label: (m.value, m.delta) for m in _walk(node) if m.type == "metric"}
    for child in children.values():
        found = _find_box(child, unit_label)
        if found is not None:
            return found
    return None


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)
