"""The dashboard's OpenID Connect sign-in end to end: `trappe dashboard` with an `[auth]` section
in `.streamlit/secrets.toml`, a real OpenID provider (oidc-provider-mock, an HTTP server on a
thread of this process) and Debian's headless Chromium.

The browser clicks "Log ind" (Streamlit's `st.login`), is sent to the provider's authorization
form, authorizes a subject whose claims (e-mail, name, roles, teams) were registered with the
provider beforehand, and comes back through `/oauth2callback` with Streamlit's signed identity
cookie. What it then sees is decided by `dashboards/access.py` from those claims: nothing here
stands in for `st.login` or `st.user`.
"""

from __future__ import annotations

import importlib
import json
import os
import secrets
import subprocess
import sys
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboards.users import DATA_ENGINEER, User, write_users
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
from tests.support.dashboard_marts import build_published_db

ROLES_CLAIM = "trappe_roles"  # TRAPPE_OIDC_ROLES_CLAIM: the claim names are the deployment's
TEAMS_CLAIM = "trappe_teams"  # TRAPPE_OIDC_TEAMS_CLAIM
CLIENT_ID = "trappe-dashboard"
# known to the users file by e-mail only: the provider sends no role for her
ENGINEER_EMAIL = "dorte.data@herning.dk"
REFUSED = "men har ingen rolle i dashboardet"


def _put_claims(issuer: str, sub: str, claims: dict[str, object]) -> None:
    """Registers a subject's claims with the provider (its `PUT /users/<sub>`): what a
    municipality's identity provider knows about its employee."""
    request = urllib.request.Request(
        f"{issuer}/users/{urllib.parse.quote(sub, safe='')}",
        data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    # the provider imports authlib's deprecated modules, whose warnings authlib switches on
    # for good when it is imported ("always"): the library's business, not this test's
    with warnings.catch_warnings():
        deprecate = importlib.import_module("authlib.deprecate")  # authlib ships no types
        warnings.simplefilter("ignore", deprecate.AuthlibDeprecationWarning)
        import oidc_provider_mock

    # any client id and secret is accepted; a nonce is demanded, as a real provider may
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def _write_users(home: Path) -> None:
    """The users file with one user, a data engineer known only by the e-mail her identity
    provider sends (no password: she signs in through OpenID Connect only)."""
    dorte = User("dorte", DATA_ENGINEER, "Dorte Data", (), ENGINEER_EMAIL)
    write_users(home / "users.toml", {dorte.username: dorte})


def _write_secrets(home: Path, issuer: str, port: int) -> Path:
    """`.streamlit/secrets.toml` in the app server's working directory, where Streamlit looks."""
    path = home / ".streamlit" / "secrets.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def oidc_server(tmp_path_factory, provider) -> Iterator[str]:
    home = tmp_path_factory.mktemp("oidc") / "lake"
    home.mkdir()
    build_published_db(home / "warehouse" / "published.duckdb")
    _write_users(home)
    port = free_port()
    _write_secrets(home, provider, port)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAPPE_")}
    env |= {"TRAPPE_OIDC_ROLES_CLAIM": ROLES_CLAIM, "TRAPPE_OIDC_TEAMS_CLAIM": TEAMS_CLAIM}
    log = home.parent / "dashboard.log"
    command = [sys.executable, "-m", "trappe.app.cli", "dashboard", "--home", str(home)]
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*command, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
            cwd=home,  # Streamlit reads .streamlit/secrets.toml from its working directory
        )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop_server(proc)
        print(log.read_text(encoding="utf-8")[-4000:])  # shown by pytest when a test failed


def _sign_in_with_provider(page, url: str, issuer: str, sub: str) -> None:
    """The way a user signs in: the dashboard's button, the provider's form, and back."""
    page.goto(url)
    button = page.get_by_role("button", name="Log ind")
    button.wait_for(timeout=60_000)
    settle(page)
    login_text = visible_text(page)
    assert "41,9" not in login_text and "Brugernavn" not in login_text, login_text
    assert not leaks(login_text), leaks(login_text)
    button.click()
    # the provider's own authorization form, on the provider's origin
    page.get_by_placeholder("sub").wait_for(timeout=30_000)
    assert page.url.startswith(f"{issuer}/oauth2/authorize?"), page.url
    assert f"client_id={CLIENT_ID}" in page.url
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=30_000)


CASES = {
    # subject -> (claims, what the dashboard must show)
    "team_leader": (
        "tina.team@herning.dk",
        {
            "email": "tina.team@herning.dk",
            "name": "Tina Team",
            ROLES_CLAIM: ["team_leader"],
            TEAMS_CLAIM: ["pilot"],
        },
    ),
    "management": (
        "lars.leder@herning.dk",
        {"email": "lars.leder@herning.dk", "name": "Lars Leder", ROLES_CLAIM: "management"},
    ),
    "users_file": (
        "dorte-sub-7f3a",
        {"email": ENGINEER_EMAIL, "name": "Dorte D."},
    ),
    "no_role": (
        "bo.borger@herning.dk",
        {"email": "bo.borger@herning.dk", "name": "Bo Borger", ROLES_CLAIM: ["citizen"]},
    ),
    "team_leader_without_team": (
        "tom.uden@herning.dk",
        {"email": "tom.uden@herning.dk", "name": "Tom Uden", ROLES_CLAIM: ["team_leader"]},
    ),
}


@needs_chromium
@pytest.mark.parametrize("case", list(CASES))
def test_oidc_sign_in_in_a_real_browser(provider, oidc_server, case):
    sub, claims = CASES[case]
    _put_claims(provider, sub, claims)
    with chromium_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        _sign_in_with_provider(page, oidc_server, provider, sub)
        cookies = {c["name"] for c in page.context.cookies(oidc_server)}
        assert "_streamlit_user" in cookies, cookies  # Streamlit's signed identity
        if case in ("no_role", "team_leader_without_team"):
            page.get_by_text(REFUSED).wait_for(timeout=60_000)
            settle(page)
            text = visible_text(page)
            assert f"Du er logget ind som {claims['email']}" in text
            assert "41,9" not in text and "Teamets sager" not in text
            assert not page.get_by_test_id("stSidebarNav").count()
            assert page.get_by_role("button", name="Log ud").is_visible()
            assert not errors, errors
            return
        page.get_by_role("heading", name="Overblik", exact=True).wait_for(timeout=60_000)
        settle(page)
        sidebar = page.get_by_test_id("stSidebar").inner_text()
        if case == "team_leader":
            assert "Logget ind som Tina Team (Teamleder · team pilot)" in sidebar, sidebar
            assert nav_titles(page) == ROLE_PAGES["pilot"]
            text = open_page(page, "Teamets sager")
            assert "Sager i teamet pilot" in text
            # the grid draws on a canvas; its accessible table holds the cells
            grid = " ".join(page.get_by_test_id("stDataFrame").all_text_contents())
            assert "C657-000101" in grid and "C657-000102" in grid, grid
            assert "C657-000201" not in grid  # the other team's case
        elif case == "management":
            assert "Logget ind som Lars Leder (Ledelse)" in sidebar, sidebar
            assert nav_titles(page) == ROLE_PAGES["leder"]
            text = open_page(page, "Datakvalitet")
            assert "Ingen afviste hændelser i søen." not in text
        else:  # the users file's data engineer, found by the e-mail claim
            assert "Logget ind som Dorte Data (Dataansvarlig)" in sidebar, sidebar
            assert nav_titles(page) == ROLE_PAGES["data"]
            text = open_page(page, "Datakvalitet")
            assert "Ingen afviste hændelser i søen." in text
        assert not leaks(visible_text(page), identifiers=case != "users_file")
        assert not errors, errors


@needs_chromium
def test_signing_out_ends_the_oidc_session(provider, oidc_server):
    """ "Log ud" clears Streamlit's identity cookie and ends the session at the provider (its
    end_session endpoint), which sends the browser back to the dashboard's login page."""
    sub, claims = CASES["management"]
    _put_claims(provider, sub, claims)
    with chromium_page() as page:
        _sign_in_with_provider(page, oidc_server, provider, sub)
        page.get_by_role("heading", name="Overblik", exact=True).wait_for(timeout=60_000)
        settle(page)
        page.get_by_role("button", name="Log ud").click()
        end_session = page.get_by_role("button", name="End session")
        end_session.wait_for(timeout=30_000)
        assert page.url.startswith(f"{provider}/oauth2/end_session"), page.url
        end_session.click()
        page.get_by_role("button", name="Log ind").wait_for(timeout=60_000)
        assert page.url.startswith(oidc_server), page.url
        cookies = {c["name"] for c in page.context.cookies(oidc_server)}
        assert "_streamlit_user" not in cookies, cookies
        page.goto(oidc_server)  # a fresh load: still signed out
        page.get_by_role("button", name="Log ind").wait_for(timeout=60_000)
        settle(page)
        assert "41,9" not in visible_text(page)
