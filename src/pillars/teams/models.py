"""Organisation, teams, people and their roles."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def validate_timezone(value: str) -> None:
    """An IANA zone name such as Europe/Madrid: weeks and days are cut in it."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"{value!r} is not a time zone name; expected one like Europe/Madrid"
        ) from None


class Organization(models.Model):
    name = models.CharField(max_length=200)
    # Comma-separated e-mail domains whose people count as colleagues, not customers.
    internal_domains = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return self.name

    def domain_list(self) -> list[str]:
        return [d.strip().lower() for d in self.internal_domains.split(",") if d.strip()]


class Team(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DIRECTOR = "director", "Director"
    MANAGER = "manager", "Manager"
    REP = "rep", "Sales rep"


class PersonQuerySet(models.QuerySet["Person"]):
    def in_team(self, team: Team) -> PersonQuerySet:
        return self.filter(team=team)


class Person(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="people")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REP)
    weekly_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("40"))
    timezone = models.CharField(
        max_length=64, default="Europe/Madrid", validators=[validate_timezone]
    )
    # Proactive target as a share of available hours (0.40 = 40 %).
    proactive_target = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.4"))
    # Raised by every write of the person's entries; remembered weekly figures of an older
    # version are stale (timeuse.week_cache).
    activity_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class PersonAlias(models.Model):
    """Another name a CRM export uses for this person: a display name or a CRM user id."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "alias"], name="alias_unique")]

    def save(self, *args: object, **kwargs: object) -> None:
        self.alias = self.alias.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]
