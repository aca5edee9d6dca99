"""Who may see and change quota scenarios. A person's quota and salary are confidential.

Read: directors (their organisation), the manager of the person's team, and the person
themself (their own quota, read-only). Not colleagues, not other teams' managers.
Team scenarios: directors and the team's manager. Change: directors, and a manager for the reps of their own team (not their own quota) and for their team.
Anything a user may not see is a 404; seen but not changeable is a 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from pillars.quota.models import QuotaScenario
from pillars.teams.access import manages, people_visible_to, person_of
from pillars.teams.models import Person, Role, Team


def teams_visible_to(viewer: Person) -> QuerySet[Team]:
    if viewer.role == Role.DIRECTOR:
        return Team.objects.filter(organization_id=viewer.organization_id)
    if viewer.role == Role.MANAGER and viewer.team_id is not None:
        return Team.objects.filter(pk=viewer.team_id)
    return Team.objects.none()


def scenarios_visible_to(viewer: Person) -> QuerySet[QuotaScenario]:
    people = people_visible_to(viewer).values("pk")
    teams = teams_visible_to(viewer).values("pk")
    return QuotaScenario.objects.filter(
        Q(person_id__in=people) | Q(team_id__in=teams)
    ).select_related("person", "team")


def _viewer(user: Any) -> Person:
    viewer = person_of(user)
    if viewer is None:
        raise Http404("No such page")
    return viewer


def get_scenario_for_user(user: Any, scenario_id: int) -> QuotaScenario:
    """The scenario if the user may read it, else Http404."""
    found = scenarios_visible_to(_viewer(user)).filter(pk=scenario_id).first()
    if found is None:
        raise Http404("No such scenario")
    return found


def get_quota_person_for_user(user: Any, person_id: int) -> Person:
    """A person whose quota the user may read, else Http404."""
    found = people_visible_to(_viewer(user)).select_related("team").filter(pk=person_id).first()
    if found is None:
        raise Http404("No such person")
    return found


def get_quota_team_for_user(user: Any, team_id: int) -> Team:
    """A team whose scenarios the user may read, else Http404."""
    found = teams_visible_to(_viewer(user)).filter(pk=team_id).first()
    if found is None:
        raise Http404("No such team")
    return found


def may_set_quota_for(
    viewer: Person | None, *, person: Person | None = None, team: Team | None = None
) -> bool:
    """Directors for anyone in their organisation; managers for their team and its reps."""
    if viewer is None:
        return False
    target_org = person.organization_id if person else team.organization_id if team else None
    if target_org != viewer.organization_id:
        return False
    if viewer.role == Role.DIRECTOR:
        return True
    if person is not None:
        return manages(viewer, person)
    return viewer.role == Role.MANAGER and team is not None and team.pk == viewer.team_id


def may_change(viewer: Person | None, scenario: QuotaScenario) -> bool:
    return may_set_quota_for(viewer, person=scenario.person, team=scenario.team)


def save_targets(viewer: Person | None) -> list[tuple[str, str]]:
    """Choices for "save for": the people and teams this viewer may set a quota for."""
    if viewer is None:
        return []
    people = [p for p in people_visible_to(viewer) if may_set_quota_for(viewer, person=p)]
    teams = [t for t in teams_visible_to(viewer) if may_set_quota_for(viewer, team=t)]
    return [(f"person:{p.pk}", p.name) for p in people] + [
        (f"team:{t.pk}", f"Team {t.name}") for t in teams
    ]
