"""The dashboard's users and their roles: the local users file of the embedded default.

A municipality with an identity provider signs users in with OpenID Connect (`st.login`,
configured in `.streamlit/secrets.toml`); the users file then only says which role (and team)
each identity has. Without one, the same file holds a scrypt hash of each user's password.

    [users.lene]
    name = "Lene Leder"
    role = "management"                  # management | team_leader | data_engineer
    teams = ["pilot"]                    # a team leader's own teams
    email = "lene@kommune.dk"            # the identity provider's e-mail, for st.login
    password = "scrypt$16384$8$1$…$…"    # `trappe users add` writes it; never a clear text

The file is written by `trappe users add` (and by the demo); it is read on every login, so a
change needs no restart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from trappe.core.errors import ConfigurationError, TrappeError

MANAGEMENT, TEAM_LEADER, DATA_ENGINEER = "management", "team_leader", "data_engineer"
ROLES: dict[str, str] = {
    MANAGEMENT: "Ledelse",
    TEAM_LEADER: "Teamleder",
    DATA_ENGINEER: "Dataansvarlig",
}

# scrypt at the parameters RFC 7914 recommends for interactive logins (16 MiB, ~50 ms)
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_MAX_PASSWORD = 1024


class UsersFileError(ConfigurationError):
    """The users file cannot be read, or a user in it is malformed."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    name: str = ""
    teams: tuple[str, ...] = ()
    email: str | None = None
    password_hash: str | None = field(default=None, repr=False, compare=False)
    demo: bool = False

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    def public(self) -> User:
        """The user without the password hash: what a session keeps."""
        return User(self.username, self.role, self.name, self.teams, self.email, None, self.demo)


def hash_password(password: str) -> str:
    if not password:
        raise TrappeError("a password must not be empty")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return "$".join(
        ["scrypt", str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P), _b64(salt), _b64(digest)]
    )


def verify_password(password: str, stored: str | None) -> bool:
    """Whether `password` matches the stored hash; a malformed hash never matches."""
    if not stored or not password or len(password) > _MAX_PASSWORD:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _user(path: Path, username: str, entry: object) -> User:
    where = f"{path}: user {username!r}"
    if not isinstance(entry, dict):
        raise UsersFileError(f"{where}: expected a table [users.{username}]")
    role = entry.get("role")
    if role not in ROLES:
        raise UsersFileError(
            f"{where}: field 'role' must be one of {', '.join(ROLES)} (got {role!r})"
        )
    teams = entry.get("teams", [])
    if isinstance(teams, str):
        teams = [teams]
    if not isinstance(teams, list) or not all(isinstance(t, str) and t for t in teams):
        raise UsersFileError(f"{where}: field 'teams' must be a list of team names")
    if role == TEAM_LEADER and not teams:
        raise UsersFileError(f"{where}: field 'teams' is required for a team leader")
    for name in ("name", "email", "password"):
        if name in entry and not isinstance(entry[name], str):
            raise UsersFileError(f"{where}: field {name!r} must be a string")
    return User(
        username=username,
        role=role,
        name=entry.get("name", ""),
        teams=tuple(teams),
        email=entry.get("email") or None,
        password_hash=entry.get("password") or None,
        demo=bool(entry.get("demo", False)),
    )


def read_users(path: Path) -> dict[str, User]:
    """The users of the file at `path`; an empty dict when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsersFileError(f"{path}: not valid TOML ({exc})") from None
    users = document.get("users", {})
    if not isinstance(users, dict):
        raise UsersFileError(f"{path}: 'users' must be a table of [users.NAME] tables")
    return {name: _user(path, name, entry) for name, entry in users.items()}


def _toml_string(value: str) -> str:
    # a JSON string is a valid TOML basic string (same escapes)
    return json.dumps(value, ensure_ascii=False)


def render_users(users: dict[str, User]) -> str:
    lines = [
        "# trappe dashboard users, written by `trappe users add` (see dashboards/users.py).",
        "# role: management | team_leader | data_engineer; password: a scrypt hash.",
        "",
    ]
    for username, user in sorted(users.items()):
        lines.append(f"[users.{_toml_string(username)}]")
        lines.append(f"role = {_toml_string(user.role)}")
        if user.name:
            lines.append(f"name = {_toml_string(user.name)}")
        if user.teams:
            lines.append(f"teams = [{', '.join(_toml_string(t) for t in user.teams)}]")
        if user.email:
            lines.append(f"email = {_toml_string(user.email)}")
        if user.password_hash:
            lines.append(f"password = {_toml_string(user.password_hash)}")
        if user.demo:
            lines.append("demo = true")
        lines.append("")
    return "\n".join(lines)


def write_users(path: Path, users: dict[str, User]) -> None:
    """Replace the users file atomically, readable by its owner only (it holds hashes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(render_users(users))
    os.replace(tmp, path)


def add_user(
    path: Path,
    username: str,
    role: str,
    *,
    password: str | None = None,
    name: str = "",
    teams: tuple[str, ...] = (),
    email: str | None = None,
    demo: bool = False,
) -> User:
    """Add or replace one user in the users file and return it."""
    if not username or any(c.isspace() for c in username):
        raise UsersFileError(f"{path}: user name {username!r} must be non-empty, without spaces")
    users = read_users(path)
    user = _user(
        path,
        username,
        {
            "role": role,
            "name": name,
            "teams": list(teams),
            "email": email or "",
            "demo": demo,
            "password": hash_password(password) if password else "",
        },
    )
    users[username] = user
    write_users(path, users)
    return user


def remove_user(path: Path, username: str) -> None:
    users = read_users(path)
    if username not in users:
        raise UsersFileError(f"{path}: no user {username!r}")
    del users[username]
    write_users(path, users)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    teams: tuple[str, ...]


# (user name, role, name, teams): one of each role; the simulated pilot team and one other
DEMO_USERS = (
    ("ledelse", MANAGEMENT, "Demo: forvaltningsledelse", ()),
    ("team-pilot", TEAM_LEADER, "Demo: teamleder, Sverigesteamet", ("pilot",)),
    ("team-boern", TEAM_LEADER, "Demo: teamleder, børneteamet", ("children",)),
    ("data", DATA_ENGINEER, "Demo: dataansvarlig", ()),
)


def create_demo_users(path: Path) -> list[DemoLogin]:
    """Give the demo one user of each role, with fresh random passwords, and return the logins.

    Users not made by the demo are kept; demo users are replaced on every run.
    """
    users = {name: u for name, u in read_users(path).items() if not u.demo}
    logins = []
    for username, role, name, teams in DEMO_USERS:
        if username in users:  # a real user of that name wins
            continue
        password = secrets.token_urlsafe(9)
        users[username] = User(username, role, name, teams, None, hash_password(password), True)
        logins.append(DemoLogin(username, password, role, teams))
    write_users(path, users)
    return logins


def demo_login_lines(logins: list[DemoLogin], path: Path) -> list[str]:
    """What `trappe run` prints after the demo: one line a login, then where the users live."""
    lines = [
        f"    {lg.username:<11} {lg.password:<13} {ROLES[lg.role].lower()}"
        + (f" (team {', '.join(lg.teams)})" if lg.teams else "")
        for lg in logins
    ]
    return [
        "  dashboard logins (user, password, role):",
        *lines,
        f"    users file: {path}  (`trappe users add` adds real users)",
    ]
