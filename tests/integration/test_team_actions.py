"""Setup actions are idempotent: the demo loader and the CLI may call them again and again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from pillars.errors import ImportFileError
from pillars.teams.actions import (
    add_aliases,
    create_organization,
    create_person,
    create_team,
    create_user_for_person,
    ensure_person,
    person_for_import,
)
from pillars.teams.models import Organization, Person, Role
from pillars.timeuse.actions import override_category
from tests.factories import ActivityFactory, PersonFactory

pytestmark = pytest.mark.django_db


def setup_once() -> Person:
    org = create_organization(name="Northwind", internal_domains=["Northwind.example", " "])
    team = create_team(organization=org, name="East")
    person = create_person(
        organization=org,
        team=team,
        email="Rita@Northwind.example",
        name="Rita Rep",
        role=Role.REP,
        weekly_hours=Decimal("32"),
    )
    add_aliases(person=person, aliases=["Rita R.", "CRM-42"])
    create_user_for_person(person=person, password="s3cret-enough")
    return person


def test_running_the_setup_twice_changes_nothing() -> None:
    first = setup_once()
    password = first.user.password
    second = setup_once()
    second.refresh_from_db()
    assert second.pk == first.pk
    assert second.user.password == password  # not re-hashed with a new salt
    assert Person.objects.count() == 1
    assert sorted(second.aliases.values_list("alias", flat=True)) == ["crm-42", "rita r."]
    assert Organization.objects.get().domain_list() == ["northwind.example"]


def test_the_login_is_the_email_and_the_password_works() -> None:
    person = setup_once()
    assert person.user.username == "rita@northwind.example"
    assert person.user.check_password("s3cret-enough")


def test_create_person_updates_changed_fields() -> None:
    person = setup_once()
    create_person(
        organization=person.organization, email=person.email, name="Rita Rep", role=Role.MANAGER
    )
    person.refresh_from_db()
    assert person.role == Role.MANAGER


def test_ensure_person_creates_once_in_the_only_organisation() -> None:
    org = create_organization(name="Northwind")
    person = ensure_person(email="new@northwind.example", timezone="Europe/Stockholm")
    assert (person.organization, person.timezone, person.name) == (org, "Europe/Stockholm", "new")
    assert ensure_person(email="NEW@northwind.example") == person


def test_ensure_person_without_an_organisation_creates_one_for_the_domain() -> None:
    person = ensure_person(email="solo@contoso.example")
    assert person.organization.domain_list() == ["contoso.example"]


def test_override_can_be_set_and_cleared_but_not_to_unlogged() -> None:
    row = ActivityFactory(category="internal")
    assert override_category(activity=row, category="proactive").effective_category == "proactive"
    assert override_category(activity=row, category=None).effective_category == "internal"
    with pytest.raises(ValueError):
        override_category(activity=row, category="unlogged")


def test_a_person_with_an_unknown_time_zone_is_invalid() -> None:
    person = setup_once()
    person.timezone = "Madrid"
    with pytest.raises(ValidationError, match="not a time zone name"):
        person.full_clean()


def refused_import_for(email: str, meanwhile: Any = None) -> None:
    """A refused import for `email`; `meanwhile(person)` runs while the file is being read."""
    with pytest.raises(ImportFileError), person_for_import(email=email) as person:
        if meanwhile is not None:
            meanwhile(person)
        raise ImportFileError("x.ics", "not a calendar")


def test_a_refused_first_import_leaves_no_person_nor_organisation() -> None:
    refused_import_for("zed@newco.example")
    assert not Person.objects.exists() and not Organization.objects.exists()


def test_a_person_something_refers_to_meanwhile_is_kept() -> None:
    """Found by review: another import for the same person, committed during the read, was
    deleted with them when this one was refused."""
    refused_import_for("zed@newco.example", lambda person: ActivityFactory(person=person))
    assert Person.objects.get(email="zed@newco.example").activities.count() == 1


def test_an_organisation_someone_else_joined_meanwhile_is_kept() -> None:
    def colleague_joins(person: Person) -> None:
        PersonFactory(organization=person.organization, email="marta@newco.example")

    refused_import_for("zed@newco.example", colleague_joins)
    assert not Person.objects.filter(email="zed@newco.example").exists()
    assert Person.objects.get(email="marta@newco.example").organization.name == "newco.example"


def test_an_interrupt_keeps_the_person_an_import_may_have_stored() -> None:
    """An interrupt can come after the import committed: only refusals clean up."""
    with pytest.raises(KeyboardInterrupt), person_for_import(email="zed@newco.example"):
        raise KeyboardInterrupt
    assert Person.objects.filter(email="zed@newco.example").exists()


def test_a_login_given_meanwhile_keeps_the_person() -> None:
    """Found by review: a login created during the read did not keep the person (their own row
    points at it, so nothing 'refers' to them) and was left without its person."""
    from pillars.teams.actions import create_user_for_person

    refused_import_for(
        "zed@newco.example",
        lambda person: create_user_for_person(person=person, password="a-long-pass-for-zed-2026"),
    )
    assert Person.objects.get(email="zed@newco.example").user is not None
