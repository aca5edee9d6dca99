"""Writes of the quota pillar, each in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pillars.quota.models import QuotaScenario
from pillars.teams.models import Person, Team


@transaction.atomic
def save_scenario(
    *,
    author: Person,
    name: str,
    kind: str,
    inputs: dict[str, Any],
    person: Person | None = None,
    team: Team | None = None,
) -> QuotaScenario:
    """A new scenario for one person or one team (the caller has checked access)."""
    owner_org = person.organization_id if person else team.organization_id if team else None
    return QuotaScenario.objects.create(
        organization_id=owner_org,
        person=person,
        team=team,
        name=name.strip() or "Scenario",
        kind=kind,
        inputs=inputs,
        created_by=author,
    )


@transaction.atomic
def update_scenario(
    *, scenario: QuotaScenario, name: str, kind: str, inputs: dict[str, Any]
) -> QuotaScenario:
    """Replace a scenario's name and inputs."""
    scenario.name = name.strip() or scenario.name
    scenario.kind = kind
    scenario.inputs = inputs
    scenario.save(update_fields=["name", "kind", "inputs", "updated_at"])
    return scenario
