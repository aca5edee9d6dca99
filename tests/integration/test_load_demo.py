"""manage.py load_demo: the demo team with logins and imported exports, idempotent; its
accounts and deals, the activities linked to them, and what the customer pages then show."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from pillars.customers.models import Account, ActivityLink, CustomerImportRun, Deal
from pillars.customers.queries import segments_of
from pillars.demo import load_manifest
from pillars.domain.customers_records import Segment
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
        "accounts": list(Account.objects.order_by("pk").values_list()),
        "deals": list(Deal.objects.order_by("pk").values_list()),
        "links": list(ActivityLink.objects.order_by("pk").values_list()),
    }


# The demo's deals are dated up to its window (Nov 2026): the segment and funnel rules look
# back from today, so the page tests run on the day after the window.
DEMO_TODAY = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


@pytest.fixture
def demo_today(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(timezone, "now", lambda: DEMO_TODAY)
    return DEMO_TODAY


def login(client: Client, role: str) -> dict:
    entry = next(p for p in load_manifest()["people"] if p["role"] == role)
    assert client.login(username=entry["email"], password=entry["password"])
    return entry


def test_demo_loads_every_person_with_a_login_and_entries() -> None:
    output = load()
    manifest = load_manifest()
    assert Person.objects.count() == len(manifest["people"])
    assert get_user_model().objects.count() == len(manifest["people"])
    for entry in manifest["people"]:
        if entry["files"]:
            assert Activity.objects.filter(person__email=entry["email"]).exists(), entry["email"]
    assert "Log in at http://127.0.0.1:8000/ as any of:" in output
    lines = output.splitlines()
    for entry in manifest["people"]:  # every role's login, so each view can be tried
        assert any(
            line.split() == [entry["role"], entry["email"], entry["password"]] for line in lines
        ), entry["email"]


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
    customer_runs = CustomerImportRun.objects.order_by("-pk")[:2]
    assert [(r.kind, r.created, r.updated) for r in customer_runs] == [
        ("deals", 0, 0),
        ("accounts", 0, 0),
    ]
    for name in ("hubspot-companies.csv", "pipedrive-deals.csv"):
        assert re.search(rf"{name} +created   0  updated   0  unchanged +\d+", output), name


def test_demo_loads_accounts_deals_and_links_activities() -> None:
    output = load()
    customers = load_manifest()["customers"]
    assert Account.objects.count() == 25
    assert Deal.objects.count() == 60
    assert not Deal.objects.filter(account=None).exists()
    assert not Deal.objects.filter(owner=None).exists()
    assert not Account.objects.filter(owner=None).exists()
    runs = CustomerImportRun.objects.all()
    assert {r.file_name for r in runs} == {*customers["accounts"], *customers["deals"]}
    assert all(r.skipped == 0 and not r.problems for r in runs)
    links = ActivityLink.objects.count()
    assert links >= 100
    assert set(ActivityLink.objects.values_list("how", flat=True)) == {"domain", "name"}
    assert f"Activities linked to accounts: {links} (" in output
    assert re.search(r"hubspot-companies\.csv +created  25  updated   0", output)
    assert re.search(r"pipedrive-deals\.csv +created  60  updated   0", output)
    # The firefighting account of the demo: Pablo's inbound calls and calendar.
    iberia = Account.objects.get(name="Iberia Foods")
    assert iberia.fully_penetrated and not iberia.segment_override  # the manifest's mark
    assert (
        ActivityLink.objects.filter(account=iberia, activity__person__name="Pablo Serrano").count()
        >= 10
    )


def test_demo_accounts_fall_in_every_segment(demo_today: datetime) -> None:
    load()
    segments = segments_of(Account.objects.all(), timezone.localdate())
    counts = Counter(segments.values())
    assert counts == {Segment.PROSPECT: 12, Segment.GROW: 9, Segment.MAINTAIN: 4}


def test_demo_customer_pages_show_accounts_and_a_measured_funnel(
    client: Client, demo_today: datetime
) -> None:
    load()
    login(client, "manager")
    accounts = client.get("/customers/").content.decode()
    for name in ("ACME Industrial", "Iberia Foods", "Hispano Motors", "Talleres Ebro"):
        assert name in accounts
    funnel = client.get("/customers/funnel/").content.decode()
    assert funnel.count("badge measured") >= 3
    lucia = Person.objects.get(email="lucia.romero@northwind.example")
    page = client.get(f"/customers/capacity/{lucia.pk}/?new_revenue=600000")
    assert page.status_code == 200
    html = page.content.decode()
    # Her deals of the last 12 months: 24 first meetings, 16 second, 12 proposals, 6 wins.
    assert html.count("badge measured") == 3 and html.count("badge assumed") == 1
    for reached in ("16 of 24", "12 of 16", "6 of 12"):
        assert reached in html
    assert "60,000" in html  # her average won deal, used without a deal size
    team = client.get("/customers/capacity/?new_revenue=600000").content.decode()
    assert "measured where the data holds" in team


def test_a_demo_rep_sees_her_own_accounts_and_capacity(
    client: Client, demo_today: datetime
) -> None:
    load()
    rep = login(client, "rep")
    person = Person.objects.get(email=rep["email"])
    html = client.get("/customers/").content.decode()
    for account in Account.objects.all():
        assert (account.name in html) == (account.owner_id == person.pk), account.name
    assert client.get(f"/customers/capacity/{person.pk}/").status_code == 200


def test_the_demo_manager_can_log_in_and_see_the_team(client: Client) -> None:
    load()
    manifest = load_manifest()
    manager = next(p for p in manifest["people"] if p["role"] == "manager")
    assert client.login(username=manager["email"], password=manager["password"])
    html = client.get("/").content.decode()
    for entry in manifest["people"]:
        if entry["role"] == "rep":
            assert entry["name"] in html
