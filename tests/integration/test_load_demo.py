"""manage.py load_demo: the demo team with logins and imported exports, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from pillars.demo import load_manifest
from pillars.teams.models import Person, PersonAlias
from pillars.timeuse.models import Activity, ImportRun

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def state() -> dict[str, object]:
    return {
        "people": list(Person.objects.order_by("pk").values_list()),
        "aliases": list(PersonAlias.objects.order_by("pk").values_list()),
        "users": list(get_user_model().objects.order_by("pk").values_list("username", "password")),
        "activities": list(Activity.objects.order_by("pk").values_list()),
    }


def test_demo_loads_every_person_with_a_login_and_entries() -> None:
    output = load()
    manifest = load_manifest()
    assert Person.objects.count() == len(manifest["people"])
    assert get_user_model().objects.count() == len(manifest["people"])
    for entry in manifest["people"]:
        if entry["files"]:
            assert Activity.objects.filter(person__email=entry["email"]).exists(), entry["email"]
    manager = next(p for p in manifest["people"] if p["role"] == "manager")
    assert (
        f"Log in at http://127.0.0.1:8000/ as {manager['email']} / {manager['password']}" in output
    )


def test_loading_the_demo_twice_changes_nothing() -> None:
    load()
    before, runs = state(), ImportRun.objects.count()
    output = load()
    assert state() == before
    assert (
        ImportRun.objects.filter(created__gt=0).count() == 0
        or ImportRun.objects.count() == 2 * runs
    )
    second_runs = ImportRun.objects.order_by("-pk")[:runs]
    assert all(run.created == 0 and run.updated == 0 for run in second_runs)
    assert "created   0  updated   0" in output


def test_the_demo_manager_can_log_in_and_see_the_team(client: Client) -> None:
    load()
    manifest = load_manifest()
    manager = next(p for p in manifest["people"] if p["role"] == "manager")
    assert client.login(username=manager["email"], password=manager["password"])
    html = client.get("/").content.decode()
    for entry in manifest["people"]:
        if entry["role"] == "rep":
            assert entry["name"] in html
