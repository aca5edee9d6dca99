"""`pillars user add|list|alias` and `pillars token create|list|revoke`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pillars.api.models import ApiToken, hash_token
from pillars.cli import app
from pillars.teams.models import Person

runner = CliRunner()
pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase 2026"


def add(*args: str, stdin: str | None = None) -> object:
    return runner.invoke(app, ["user", "add", *args], input=stdin)


def test_add_a_manager_with_a_password_from_stdin() -> None:
    result = add(
        "Mara@Northwind.example", "--name", "Mara Manager", "--role", "manager",
        "--team", "East", "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    mara = Person.objects.select_related("team", "user").get()
    assert (mara.email, mara.role, mara.team.name) == ("mara@northwind.example", "manager", "East")
    assert mara.user.check_password(PASSWORD)


def test_add_without_a_password_leaves_none_usable_and_running_again_changes_nothing() -> None:
    args = ["rita@northwind.example", "--name", "Rita Rep", "--role", "rep", "--team", "East"]
    assert add(*args).exit_code == 0
    assert add(*args).exit_code == 0
    rita = Person.objects.get()
    assert not rita.user.has_usable_password()
    assert Person.objects.count() == 1


def test_a_rep_needs_a_team_and_a_weak_password_is_refused() -> None:
    result = add("x@northwind.example", "--name", "X", "--role", "rep")
    assert result.exit_code != 0 and "--team" in result.output
    result = add(
        "x@northwind.example", "--name", "X", "--role", "rep", "--team", "East",
        "--password-stdin", stdin="123\n",
    )  # fmt: skip
    assert result.exit_code != 0 and "password" in result.output
    assert not Person.objects.filter(user__isnull=False).exists()


def test_list_as_json() -> None:
    add("dana@northwind.example", "--name", "Dana", "--role", "director")
    result = runner.invoke(app, ["user", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    (user,) = json.loads(result.stdout)["users"]
    assert user | {"organization": None} == {
        "email": "dana@northwind.example",
        "name": "Dana",
        "role": "director",
        "organization": None,
        "team": None,
        "login": "invited",
        "aliases": [],
    }


def test_list_as_a_table() -> None:
    add("dana@northwind.example", "--name", "Dana", "--role", "director")
    result = runner.invoke(app, ["user", "list"])
    assert result.exit_code == 0 and "dana@northwind.example" in result.output


def test_token_create_prints_the_token_once_and_stores_its_hash() -> None:
    add("dana@northwind.example", "--name", "Dana", "--role", "director")
    result = runner.invoke(app, ["token", "create", "dana@northwind.example", "--name", "crm"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    row = ApiToken.objects.get()
    assert row.token_hash == hash_token(token) and row.name == "crm"


def test_token_for_an_unknown_login_is_one_line_error() -> None:
    result = runner.invoke(app, ["token", "create", "nobody@northwind.example"])
    assert result.exit_code != 0 and "no active login" in result.output


def test_token_list_and_revoke() -> None:
    add("dana@northwind.example", "--name", "Dana", "--role", "director")
    token = runner.invoke(app, ["token", "create", "dana@northwind.example"]).stdout.strip()
    listed = json.loads(runner.invoke(app, ["token", "list", "--format", "json"]).stdout)
    (row,) = listed["tokens"]
    assert row["user"] == "dana@northwind.example" and token.startswith(row["prefix"])
    assert token not in json.dumps(listed)
    assert runner.invoke(app, ["token", "revoke", row["prefix"]]).exit_code == 0
    assert not ApiToken.objects.exists()
    result = runner.invoke(app, ["token", "revoke", row["prefix"]])
    assert result.exit_code != 0 and "0 tokens" in result.output


def test_aliases_are_added_listed_and_removed() -> None:
    args = ["rita@northwind.example", "--name", "Rita Rep", "--role", "rep", "--team", "East"]
    assert add(*args, "--alias", "Rita R.", "--alias", "0051x00000REPaAAAA").exit_code == 0
    result = runner.invoke(app, ["user", "alias", "rita@northwind.example", "CRM-42", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "person": "rita@northwind.example",
        "aliases": ["0051x00000repaaaaa", "crm-42", "rita r."],
    }
    removed = runner.invoke(app, ["user", "alias", "rita@northwind.example", "CRM-42", "--remove"])
    assert removed.exit_code == 0 and "crm-42" not in removed.output


def test_alias_naming_someone_else_is_one_line_and_exit_2() -> None:
    add("rita@northwind.example", "--name", "Rita Rep", "--role", "rep", "--team", "East")
    add("tom@northwind.example", "--name", "Tom Teammate", "--role", "rep", "--team", "East")
    result = runner.invoke(app, ["user", "alias", "rita@northwind.example", "tom teammate"])
    assert result.exit_code == 2
    assert "already names Tom Teammate" in result.output
    assert "Traceback" not in result.output
    unknown = runner.invoke(app, ["user", "alias", "nobody@northwind.example", "x"])
    assert unknown.exit_code == 2 and "no such person" in unknown.output
