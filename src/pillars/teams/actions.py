"""Writes on organisations, teams, people and their accounts.

Each action is idempotent: called again with the same arguments it finds what exists and
changes nothing, so a setup script (the demo loader) can run any number of times.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from pillars.teams.models import (
    Organization,
    Person,
    PersonAlias,
    Role,
    Team,
    validate_timezone,
)


def create_organization(*, name: str, internal_domains: Iterable[str] = ()) -> Organization:
    """The organisation with this name, created if missing; its internal domains are set."""
    domains = ",".join(sorted({d.strip().lower() for d in internal_domains if d.strip()}))
    org, created = Organization.objects.get_or_create(
        name=name, defaults={"internal_domains": domains}
    )
    if not created and org.internal_domains != domains:
        org.internal_domains = domains
        org.save(update_fields=["internal_domains"])
    return org


def create_team(*, organization: Organization, name: str) -> Team:
    """The team with this name in the organisation, created if missing."""
    team, _ = Team.objects.get_or_create(organization=organization, name=name)
    return team


def create_person(
    *,
    organization: Organization,
    email: str,
    name: str,
    role: str = Role.REP,
    team: Team | None = None,
    weekly_hours: Decimal | None = None,
    timezone: str | None = None,
    proactive_target: Decimal | None = None,
) -> Person:
    """The person with this e-mail, created or brought up to date with the given fields."""
    fields: dict[str, Any] = {"organization": organization, "name": name, "role": role}
    fields["team"] = team
    if weekly_hours is not None:
        fields["weekly_hours"] = weekly_hours
    if timezone is not None:
        validate_timezone(timezone)
        fields["timezone"] = timezone
    if proactive_target is not None:
        fields["proactive_target"] = proactive_target
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(email=email.lower()).first()
        if person is None:
            return Person.objects.create(email=email.lower(), **fields)
        changed = [key for key, value in fields.items() if getattr(person, key) != value]
        for key in changed:
            setattr(person, key, fields[key])
        if changed:
            person.save(update_fields=changed)
        return person


def create_user_for_person(*, person: Person, password: str) -> Any:
    """A login for the person (username = e-mail); the password is set only when it differs."""
    user_model = get_user_model()
    with transaction.atomic():
        user = person.user or user_model.objects.filter(username=person.email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=person.email, email=person.email, password=password
            )
        elif not user.check_password(password):
            # Re-hashing an unchanged password would rewrite the row with a new salt.
            user.set_password(password)
            user.save(update_fields=["password"])
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
    return user


def add_aliases(*, person: Person, aliases: Iterable[str]) -> list[PersonAlias]:
    """Record other names a CRM export uses for the person; existing ones are kept."""
    wanted = {a.strip().lower() for a in aliases if a.strip()}
    existing = set(person.aliases.values_list("alias", flat=True))
    for alias in sorted(wanted - existing):
        PersonAlias(person=person, alias=alias).save()
    return list(person.aliases.filter(alias__in=wanted))


def ensure_person(*, email: str, timezone: str | None = None, name: str | None = None) -> Person:
    """The person with this e-mail; created when missing (for the CLI's `import --person`).

    An existing person is returned as stored. A new one joins the installation's only
    organisation, or one named after the e-mail's domain (which becomes its internal domain).
    """
    existing = Person.objects.filter(email=email.lower()).first()
    if existing is not None:
        return existing
    domain = email.rpartition("@")[2].lower()
    organizations = list(Organization.objects.all()[:2])
    if len(organizations) == 1:
        organization = organizations[0]
    else:
        organization, _ = Organization.objects.get_or_create(
            name=domain or "Pillars", defaults={"internal_domains": domain}
        )
    return create_person(
        organization=organization,
        email=email,
        name=name or email.partition("@")[0],
        timezone=timezone,
    )
