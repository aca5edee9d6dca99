"""factory_boy factories for the Django models, shared by the integration tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory
from django.contrib.auth import get_user_model

from pillars.teams.models import Organization, Person, PersonAlias, Role, Team
from pillars.timeuse.models import Activity, ImportRun

PASSWORD = "correct horse battery staple"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Org {n}")
    internal_domains = "northwind.example"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}@northwind.example")
    email = factory.SelfAttribute("username")
    password = factory.django.Password(PASSWORD)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    team = factory.SubFactory(TeamFactory)
    organization = factory.SelfAttribute("team.organization")
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@northwind.example")
    role = Role.REP
    timezone = "Europe/Madrid"
    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..email"))


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    alias = factory.Sequence(lambda n: f"alias {n}")


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    person = factory.SubFactory(PersonFactory)
    file_name = "calendar.ics"
    source_kind = "ics"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    person = factory.SubFactory(PersonFactory)
    source = "ics"
    source_id = factory.Sequence(lambda n: f"uid-{n}@example")
    start = factory.Sequence(
        lambda n: datetime(2026, 11, 16, 8, tzinfo=UTC) + timedelta(hours=n % 40)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    summary = factory.Sequence(lambda n: f"Meeting {n}")
    kind = "meeting"
    category = "internal"
    rule = "default: internal"
