"""Writes on organisations, teams, people and their accounts.

Each action is idempotent: called again with the same arguments it finds what exists and
changes nothing, so a setup script (the demo loader) can run any number of times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, router, transaction
from django.db.models.deletion import Collector

from pillars.errors import AccessDenied, ConfigError, PillarsError
from pillars.teams.access import oversees
from pillars.teams.models import (
    Organization,
    Person,
    PersonAlias,
    Role,
    Team,
    validate_timezone,
)

ALIAS_MAX = PersonAlias._meta.get_field("alias").max_length or 200


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


def alias_key(alias: str) -> str:
    """An alias as stored and compared: lower case, whitespace collapsed (as owners compare)."""
    return " ".join(alias.split()).lower()


@transaction.atomic
def add_aliases(
    *, person: Person, aliases: Iterable[str], viewer: Person | None = None
) -> list[PersonAlias]:
    """Record other names a CRM export uses for the person; existing ones are kept.

    Raises ConfigError, adding none, when an alias already names someone else in the
    organisation (their alias, name or e-mail): a shared export's rows would go to either.
    The message names that person only when `viewer` (the web user; None for the command
    line) may see them, so a refusal does not tell a manager who is in other teams.
    """
    wanted = {alias_key(a) for a in aliases if a.strip()}
    too_long = sorted(a for a in wanted if len(a) > ALIAS_MAX)
    if too_long:
        raise ConfigError(f"alias {too_long[0][:40]!r}…: at most {ALIAS_MAX} characters")
    conflict = _alias_owner(person, wanted)
    if conflict:
        alias, other = conflict
        if viewer is not None and not oversees(viewer, other):
            raise ConfigError(f"alias {alias!r} already names someone else in the organisation")
        raise ConfigError(f"alias {alias!r} already names {other.name} ({other.email})")
    existing = set(person.aliases.values_list("alias", flat=True))
    for alias in sorted(wanted - existing):
        PersonAlias(person=person, alias=alias).save()
    return list(person.aliases.filter(alias__in=wanted))


@transaction.atomic
def remove_aliases(*, person: Person, aliases: Iterable[str]) -> int:
    """Forget these aliases of the person; returns how many were removed."""
    wanted = {alias_key(a) for a in aliases}
    removed, _ = person.aliases.filter(alias__in=wanted).delete()
    return removed


def _alias_owner(person: Person, wanted: set[str]) -> tuple[str, Person] | None:
    """The first alias in `wanted` that already names another person of the organisation."""
    others = Person.objects.filter(organization_id=person.organization_id).exclude(pk=person.pk)
    for other in others.prefetch_related("aliases"):
        names = {alias_key(other.email), alias_key(other.name)}
        names |= {alias_key(a.alias) for a in other.aliases.all()}
        clash = sorted(wanted & names)
        if clash:
            return clash[0], other
    return None


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


@contextmanager
def person_for_import(*, email: str, timezone: str | None = None) -> Iterator[Person]:
    """The person an import is for (`ensure_person`). One created here is removed again when
    the import is refused, with an organisation created for them, as long as nothing else
    points at them and they have no login or team by then: a refused first import leaves no
    one behind, and a concurrent import, login or invitation for them keeps them. Not one transaction around the whole block: that
    would hold SQLite's write lock while the file is read, which the import keeps out of its
    own transaction. Only refusals (PillarsError) clean up: an interrupt may come after the
    import committed.
    """
    existing = Person.objects.filter(email=email.strip().lower()).first()
    if existing is not None:
        yield existing
        return
    organizations = set(Organization.objects.values_list("pk", flat=True))
    person = ensure_person(email=email, timezone=timezone)
    try:
        yield person
    except PillarsError:
        _discard_if_unused(person, organization_is_new=person.organization_id not in organizations)
        raise


@transaction.atomic
def _discard_if_unused(person: Person, *, organization_is_new: bool) -> None:
    """Delete the person, and their organisation when new, only if nothing refers to them."""
    found = Person.objects.select_for_update().filter(pk=person.pk).first()
    # Given a login or a team meanwhile (their own row points there): someone set them up.
    if found is None or found.user_id or found.team_id or not _only_itself(found):
        return
    organization = found.organization
    found.delete()
    if organization_is_new and _only_itself(organization):
        organization.delete()


def _only_itself(instance: models.Model) -> bool:
    """Whether deleting `instance` would delete or change nothing else (no row refers to it)."""
    collector = Collector(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    others = any(
        objects for model, objects in collector.data.items() if model is not type(instance)
    )
    # Rows a deletion would set to NULL come as querysets (possibly empty) or instances.
    updates = any(
        objects.exists() if hasattr(objects, "exists") else bool(objects)
        for batches in collector.field_updates.values()
        for objects in batches
    )
    return not others and not updates and not any(qs.exists() for qs in collector.fast_deletes)


def add_user(
    *,
    organization: Organization,
    email: str,
    name: str,
    role: str = Role.REP,
    team: Team | None = None,
    password: str | None = None,
) -> Person:
    """The person and their login (username = e-mail), created or brought up to date.

    With a password it is validated (AUTH_PASSWORD_VALIDATORS) and set; without one a new
    login has no usable password until the person sets one through the e-mailed link.
    """
    email = _valid_email(email)
    if role not in Role.values:
        raise ConfigError(f"role {role!r}: expected one of {', '.join(Role.values)}")
    if team is None and role != Role.DIRECTOR:
        raise ConfigError("managers and reps belong to a team: give one")
    if team is not None and team.organization_id != organization.pk:
        raise ConfigError(f"team {team.name!r} belongs to another organisation")
    existing = Person.objects.filter(email=email).first()
    if existing is not None and existing.organization_id != organization.pk:
        raise ConfigError(f"{email} already belongs to another organisation")
    with transaction.atomic():
        person = create_person(
            organization=organization, email=email, name=name, role=role, team=team
        )
        user = person.user or get_user_model().objects.filter(username=email).first()
        if user is None:
            user = get_user_model()(username=email, email=email)
            user.set_unusable_password()
        if password is not None:
            _check_password(password, user)
            user.set_password(password)
        user.save()
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
    return person


def invite_user(*, inviter: Person, email: str, name: str, role: str, team: Team | None) -> Person:
    """A new person and login created by a manager (into their own team, as a rep) or a
    director (anywhere in the organisation). AccessDenied when the inviter may not."""
    if inviter.role == Role.MANAGER:
        if team is None or team.pk != inviter.team_id or role != Role.REP:
            raise AccessDenied("a manager invites reps into their own team")
    elif inviter.role != Role.DIRECTOR:
        raise AccessDenied("only managers and directors invite people")
    taken = Person.objects.filter(email=email.strip().lower()).exists()
    # A login without a person (an admin account) is not handed to a team either.
    if taken or get_user_model().objects.filter(username=email.strip().lower()).exists():
        raise ConfigError(f"{email} already has a place in Pillars")
    return add_user(organization=inviter.organization, email=email, name=name, role=role, team=team)


def _valid_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ConfigError(f"{email!r} is not an e-mail address") from None
    return email


def _check_password(password: str, user: Any) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ConfigError("password: " + " ".join(exc.messages)) from None
