"""`trappe users`: the dashboard's local users file (roles, teams, scrypt-hashed passwords)."""

from __future__ import annotations

from pathlib import Path

import click

from dashboards.users import ROLES, TEAM_LEADER, add_user, read_users, remove_user
from trappe.app.commands import OneLineErrors
from trappe.core.settings import settings

home_option = click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The lake (TRAPPE_HOME); the users file is <home>/users.toml unless TRAPPE_USERS_FILE "
    "names another.",
)


@click.group("users")
def users() -> None:
    """Manage the dashboard's users: who may sign in, with which role and teams."""


@users.command("add", cls=OneLineErrors)
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(list(ROLES)),
    required=True,
    help="management: aggregates; team_leader: also the own teams' case lists; "
    "data_engineer: also the data-quality detail.",
)
@click.option("--team", "teams", multiple=True, help="A team leader's team (repeatable).")
@click.option("--name", default="", help="The name the dashboard shows.")
@click.option(
    "--email",
    default=None,
    help="The identity provider's e-mail of the user, when signing in with OpenID Connect.",
)
@click.option("--password", default=None, help="Prompted for (hidden) when not given.")
@click.option(
    "--no-password",
    is_flag=True,
    help="No local password: the user signs in with OpenID Connect only.",
)
@home_option
def add(
    username: str,
    role: str,
    teams: tuple[str, ...],
    name: str,
    email: str | None,
    password: str | None,
    no_password: bool,
    home: Path | None,
) -> None:
    """Add a user (or replace one of the same name)."""
    if role == TEAM_LEADER and not teams:
        raise click.UsageError("a team leader needs at least one --team")
    if not no_password and password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    path = settings(home).dashboard_users_file
    user = add_user(
        path,
        username,
        role,
        password=None if no_password else password,
        name=name,
        teams=teams,
        email=email,
    )
    click.echo(
        f"{user.username}: {user.role}{' ' + ','.join(user.teams) if user.teams else ''} -> {path}"
    )


@users.command("list", cls=OneLineErrors)
@home_option
def list_(home: Path | None) -> None:
    """List the users (never their password hashes)."""
    path = settings(home).dashboard_users_file
    for user in read_users(path).values():
        teams = f" teams={','.join(user.teams)}" if user.teams else ""
        email = f" email={user.email}" if user.email else ""
        login = "password" if user.password_hash else "oidc only"
        click.echo(f"{user.username}\t{user.role}{teams}{email}\t{login}")


@users.command("remove", cls=OneLineErrors)
@click.argument("username")
@home_option
def remove(username: str, home: Path | None) -> None:
    """Remove a user."""
    path = settings(home).dashboard_users_file
    remove_user(path, username)
    click.echo(f"removed {username} from {path}")
