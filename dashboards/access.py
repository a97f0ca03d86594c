"""Who is looking, and what their role lets them see.

Sign-in is OpenID Connect through Streamlit's `st.login` when `.streamlit/secrets.toml` has an
`[auth]` section (a municipality points it at its identity provider); otherwise the local users
file (`dashboards/users.py`). Roles are the deployment's: management sees aggregates with small
cells suppressed, a team leader also sees the case lists of their own teams, a data engineer the
data-quality detail. A page or list calls `require` (or `can`) before it shows anything.
"""

from __future__ import annotations

import time

import streamlit as st

from dashboards.users import (
    DATA_ENGINEER,
    MANAGEMENT,
    ROLES,
    TEAM_LEADER,
    User,
    UsersFileError,
    read_users,
    verify_password,
)
from trappe.core.settings import Settings

AGGREGATES = "aggregates"  # the KPI pages
CASE_LISTS = "case_lists"  # case-level lists, for the user's own teams only
QUALITY_DETAIL = "quality_detail"  # dead letters, every check, the export log
UNSUPPRESSED = "unsuppressed"  # small counts shown as they are

PERMISSIONS: dict[str, frozenset[str]] = {
    MANAGEMENT: frozenset({AGGREGATES}),
    TEAM_LEADER: frozenset({AGGREGATES, CASE_LISTS}),
    DATA_ENGINEER: frozenset({AGGREGATES, QUALITY_DETAIL, UNSUPPRESSED}),
}

_SESSION_KEY = "trappe_user"
_SIGNED_OUT = "trappe_signed_out"
_FAILED_LOGIN_PAUSE_S = 1.0  # slows guessing down; a person does not notice


def oidc_configured() -> bool:
    """Whether `.streamlit/secrets.toml` configures OpenID Connect (`[auth]`)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own FileNotFoundError
        return False


def current_user() -> User | None:
    return st.session_state.get(_SESSION_KEY)


def can(permission: str, user: User | None = None) -> bool:
    user = user or current_user()
    return user is not None and permission in PERMISSIONS.get(user.role, frozenset())


def require(permission: str, what: str) -> User:
    """The signed-in user when their role allows `permission`; otherwise the page refuses."""
    user = current_user()
    if user is None or not can(permission, user):
        role = user.role_label.lower() if user else "ukendt"
        st.error(f"Din rolle ({role}) giver ikke adgang til {what}.", icon=":material/lock:")
        st.stop()
    return user


def _users(cfg: Settings) -> dict[str, User]:
    try:
        return read_users(cfg.dashboard_users_file)
    except UsersFileError as exc:
        st.error(f"Brugerfilen kan ikke læses: {exc}", icon=":material/error:")
        st.stop()
        raise  # unreachable: st.stop ends the run


def _claim_values(name: str | None) -> list[str]:
    if not name:
        return []
    value = st.user.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _oidc_user(cfg: Settings) -> User | None:
    """The role of the identity provider's user: from the roles claim, else the users file."""
    email = str(st.user.get("email") or "")
    name = str(st.user.get("name") or email)
    roles = [r for r in _claim_values(cfg.oidc_roles_claim) if r in ROLES]
    if roles:
        # the widest role wins when the provider sends several
        role = next(r for r in (DATA_ENGINEER, TEAM_LEADER, MANAGEMENT) if r in roles)
        teams = tuple(_claim_values(cfg.oidc_teams_claim))
        if role != TEAM_LEADER or teams:
            return User(email or name, role, name, teams, email or None)
    for user in _users(cfg).values():
        if email and user.email and user.email.lower() == email.lower():
            return user.public()
    return None


def _login_page_title() -> None:
    st.title("Herningmodellen – log ind", anchor=False)


def _oidc_sign_in(cfg: Settings) -> User:
    if not st.user.is_logged_in:
        _login_page_title()
        st.write("Log ind med din kommunes brugerkonto for at se dashboardet.")
        st.button("Log ind", on_click=st.login, type="primary", icon=":material/login:")
        st.stop()
    user = _oidc_user(cfg)
    if user is None:
        _login_page_title()
        st.error(
            f"Du er logget ind som {st.user.get('email') or st.user.get('name')}, men har "
            "ingen rolle i dashboardet. Bed kommunens dataansvarlige om at give dig en.",
            icon=":material/lock:",
        )
        st.button("Log ud", on_click=st.logout)
        st.stop()
    return user


def _local_sign_in(cfg: Settings) -> User:
    users = _users(cfg)
    _login_page_title()
    if not users:
        st.info(
            "Dashboardet har endnu ingen brugere. Opret en bruger med rollen ledelse, teamleder "
            "eller dataansvarlig:\n\n"
            "`trappe users add NAVN --role management` (eller `team_leader --team TEAM`, "
            "`data_engineer`)\n\n"
            f"Brugerne gemmes i `{cfg.dashboard_users_file}`. `trappe run` opretter "
            "demobrugere og skriver, hvordan du logger ind.",
            icon=":material/person_add:",
        )
        st.stop()
    with st.form("login", enter_to_submit=False):
        username = st.text_input("Brugernavn", key="login_user", autocomplete="username")
        password = st.text_input(
            "Adgangskode", type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Log ind", type="primary")
    if submitted:
        user = users.get(username.strip())
        if user is not None and verify_password(password, user.password_hash):
            st.session_state[_SESSION_KEY] = user.public()
            st.rerun()
        time.sleep(_FAILED_LOGIN_PAUSE_S)
        st.error("Forkert brugernavn eller adgangskode.", icon=":material/error:")
    st.stop()
    raise AssertionError("unreachable")


def sign_in(cfg: Settings) -> User:
    """The signed-in user; until someone signs in, the login page, and the run stops there."""
    user = current_user()
    if user is not None:
        return user
    if st.session_state.pop(_SIGNED_OUT, False):
        # the browser keeps the last run's page list; a fresh load shows none of it
        st.html("<script>window.location.reload()</script>", unsafe_allow_javascript=True, width=1)
    user = _oidc_sign_in(cfg) if oidc_configured() else _local_sign_in(cfg)
    st.session_state[_SESSION_KEY] = user
    return user


def sign_out() -> None:
    st.session_state.pop(_SESSION_KEY, None)
    if oidc_configured():
        # st.logout sends the browser away (Streamlit clears its identity cookie, the provider
        # ends its session) and back to a fresh page; the reload `sign_in` does after a local
        # sign-out would cancel that navigation and leave the cookie, and the user, signed in
        st.logout()
        return
    st.session_state[_SIGNED_OUT] = True


def account_box(user: User) -> None:
    """Who is signed in, with which role, and the way out (in the sidebar)."""
    teams = f" · team {', '.join(user.teams)}" if user.teams else ""
    st.sidebar.caption(f"Logget ind som **{user.display_name}** ({user.role_label}{teams})")
    st.sidebar.button("Log ud", on_click=sign_out, icon=":material/logout:", key="logout")
