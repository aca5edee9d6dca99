"""Saved quota scenarios: the calculator's inputs for one person or for one team."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from pillars.teams.models import Organization, Person, Team


class Kind(models.TextChoices):
    SAAS = "saas", "SaaS / software"
    INDUSTRIAL = "industrial", "Industrial products"


class QuotaScenario(models.Model):
    """Inputs are stored as typed (text of numbers), so a scenario reopens exactly as saved.

    Salary and quota are confidential: see `pillars.quota.access` for who may read them.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="quota_scenarios"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="quota_scenarios"
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="quota_scenarios"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INDUSTRIAL)
    inputs = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, team__isnull=True)
                | Q(person__isnull=True, team__isnull=False),
                name="quota_scenario_for_person_or_team",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner_name(self) -> str:
        return self.person.name if self.person else self.team.name if self.team else ""
