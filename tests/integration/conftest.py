"""The cast of the permission tests: one organisation, two teams, and an outsider org."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from pillars.teams.models import Person, Role
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory


@dataclass
class Cast:
    director: Person
    manager: Person  # manages team "East", where rep and teammate work
    other_manager: Person  # manages team "West"
    rep: Person
    teammate: Person  # another rep of East
    west_rep: Person
    outside_director: Person  # director of another organisation


@pytest.fixture
def cast(db: None) -> Cast:
    org = OrganizationFactory(name="Northwind", internal_domains="northwind.example")
    east = TeamFactory(organization=org, name="East")
    west = TeamFactory(organization=org, name="West")
    other_org = OrganizationFactory(name="Contoso", internal_domains="contoso.example")
    return Cast(
        director=PersonFactory(
            team=None, organization=org, name="Dana Director", role=Role.DIRECTOR
        ),
        manager=PersonFactory(team=east, name="Mara Manager", role=Role.MANAGER),
        other_manager=PersonFactory(team=west, name="Wes Manager", role=Role.MANAGER),
        rep=PersonFactory(team=east, name="Rita Rep", email="rita@northwind.example"),
        teammate=PersonFactory(team=east, name="Tom Teammate"),
        west_rep=PersonFactory(team=west, name="Walt West"),
        outside_director=PersonFactory(
            team=None,
            organization=other_org,
            name="Olga Outsider",
            email="olga@contoso.example",
            role=Role.DIRECTOR,
        ),
    )


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    """PBKDF2's deliberate slowness is for attackers, not for the test suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rita(db: None) -> Person:
    """A rep in UTC, for the import tests."""
    return PersonFactory(name="Rita Rep", email="rita@northwind.example", timezone="UTC")
