"""`pillars user add|list|alias` and `pillars token create|list|revoke`: logins and API tokens."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from pillars.cli.common import ListFormat, console, dump_json, one_line_errors, write_output
from pillars.cli.imports import setup_django
from pillars.errors import ConfigError

user_app = typer.Typer(help="People and their logins.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens (Authorization: Bearer ...).", no_args_is_help=True)


class RoleName(StrEnum):
    DIRECTOR = "director"
    MANAGER = "manager"
    REP = "rep"


@user_app.command("add")
@one_line_errors
def add_user_command(
    email: Annotated[str, typer.Argument(help="E-mail: also the login name.")],
    name: Annotated[str, typer.Option("--name", help="Full name.")],
    role: Annotated[RoleName, typer.Option("--role", help="director, manager or rep.")],
    team: Annotated[
        str | None, typer.Option("--team", help="Team name (created if missing).")
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="Organisation name; default: the only one there is."),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the password from standard input; without it the person sets one "
            "with 'Forgot your password?' on the login page.",
        ),
    ] = False,
    alias: Annotated[
        list[str] | None,
        typer.Option(
            "--alias",
            help="Another name or CRM user id shared exports use for the person (repeatable).",
        ),
    ] = None,
) -> None:
    """Add a person and their login, or bring an existing one up to date."""
    setup_django()
    from pillars.teams.actions import add_aliases, add_user, create_team

    if role != RoleName.DIRECTOR and not team:
        raise ConfigError("--team: managers and reps belong to a team")
    password = _read_password() if password_stdin else None
    organization = _organization(org, email)
    person = add_user(
        organization=organization,
        email=email,
        name=name,
        role=role.value,
        team=create_team(organization=organization, name=team) if team else None,
        password=password,
    )
    if alias:
        add_aliases(person=person, aliases=alias)
    how = "with the given password" if password else "without a password yet"
    console.print(f"{person.email}: {person.role} in {person.team or organization}, {how}")


@user_app.command("list")
@one_line_errors
def list_users_command(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ListFormat.TABLE,
) -> None:
    """Everyone in the database with their role, team and login."""
    setup_django()
    from pillars.teams.models import Person

    people = (
        Person.objects.select_related("organization", "team", "user")
        .prefetch_related("aliases")
        .order_by("organization__name", "team__name", "name")
    )
    rows = [_user_row(person) for person in people]
    if output_format == ListFormat.JSON:
        write_output(dump_json({"users": rows}), None)
        return
    _print_rows("Users", ("email", "name", "role", "organization", "team", "login"), rows)


@user_app.command("alias")
@one_line_errors
def alias_command(
    email: Annotated[str, typer.Argument(help="E-mail of the person.")],
    aliases: Annotated[
        list[str] | None,
        typer.Argument(
            help="Names or CRM user ids, as a shared export's owner column writes them."
        ),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Forget these names instead of adding them.")
    ] = False,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ListFormat.TABLE,
) -> None:
    """Say which owner names in shared CRM exports are this person's; prints them all."""
    setup_django()
    from pillars.teams.actions import add_aliases, remove_aliases
    from pillars.teams.models import Person

    person = Person.objects.filter(email=email.strip().lower()).first()
    if person is None:
        raise ConfigError(f"{email}: no such person (pillars user list shows who there is)")
    if aliases and remove:
        remove_aliases(person=person, aliases=aliases)
    elif aliases:
        add_aliases(person=person, aliases=aliases)
    names = sorted(person.aliases.values_list("alias", flat=True))
    if output_format == ListFormat.JSON:
        write_output(dump_json({"person": person.email, "aliases": names}), None)
        return
    console.print(f"{person.email}: " + (", ".join(names) if names else "no aliases"))


@token_app.command("create")
@one_line_errors
def create_token_command(
    email: Annotated[str, typer.Argument(help="E-mail of the login the token acts as.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "",
) -> None:
    """Create an API token and print it once: only its hash is kept."""
    setup_django()
    from pillars.api.actions import create_token_for_email

    _, token = create_token_for_email(email=email, name=name)
    sys.stdout.write(token + "\n")


@token_app.command("list")
@one_line_errors
def list_tokens_command(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ListFormat.TABLE,
) -> None:
    """Every token: its first characters, whose it is, what for, created and last used."""
    setup_django()
    from pillars.api.models import ApiToken

    rows = [
        {
            "prefix": row.prefix,
            "user": row.user.get_username(),
            "name": row.name,
            "created": row.created.isoformat(timespec="seconds"),
            "last_used": row.last_used.isoformat(timespec="seconds") if row.last_used else None,
        }
        for row in ApiToken.objects.select_related("user").order_by("user__username", "created")
    ]
    if output_format == ListFormat.JSON:
        write_output(dump_json({"tokens": rows}), None)
        return
    _print_rows("API tokens", ("prefix", "user", "name", "created", "last_used"), rows)


@token_app.command("revoke")
@one_line_errors
def revoke_token_command(
    prefix: Annotated[str, typer.Argument(help="The token's first characters (token list).")],
) -> None:
    """Revoke a token: calls with it get 401 from now on."""
    setup_django()
    from pillars.api.actions import revoke_token

    revoke_token(prefix=prefix)
    console.print(f"revoked {prefix}")


def _print_rows(title: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row[c] or "") for c in columns))
    console.print(table)


def _user_row(person: Any) -> dict[str, Any]:
    user = person.user
    login = "none"
    if user is not None:
        login = "password set" if user.has_usable_password() else "invited"
        if not user.is_active:
            login = "disabled"
    return {
        "email": person.email,
        "name": person.name,
        "role": person.role,
        "organization": person.organization.name,
        "team": person.team.name if person.team else None,
        "login": login,
        "aliases": sorted(a.alias for a in person.aliases.all()),
    }


def _read_password() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise ConfigError("--password-stdin: standard input held no password")
    return password


def _organization(name: str | None, email: str) -> Any:
    from pillars.teams.actions import create_organization
    from pillars.teams.models import Organization

    if name:
        found = Organization.objects.filter(name=name).first()
        if found is not None:
            return found
        domain = email.rpartition("@")[2].lower()
        return create_organization(name=name, internal_domains=[domain] if domain else [])
    organizations = list(Organization.objects.all()[:2])
    if len(organizations) == 1:
        return organizations[0]
    if organizations:
        raise ConfigError("--org: there are several organisations; say which one")
    domain = email.rpartition("@")[2].lower()
    return create_organization(name=domain or "Pillars", internal_domains=[domain])
