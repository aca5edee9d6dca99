"""Access helpers for the time pillar's own objects: import runs, entries, dashboards.

Each one goes through teams.access.visible_people, so the rule is the same everywhere: what
a user may see, they may import for, undo and correct; anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pillars.teams.access import person_of, visible_people
from pillars.teams.models import Role, Team
from pillars.timeuse.models import Activity, ImportRun


def get_import_run_for_user(user: Any, run_id: int) -> ImportRun:
    """An import run of someone the user may see, else Http404."""
    run = (
        ImportRun.objects.select_related("person", "person__organization", "started_by")
        .filter(pk=run_id, person__in=visible_people(user))
        .first()
    )
    if run is None:
        raise Http404("No such import")
    return run


def get_activity_for_user(user: Any, activity_id: int) -> Activity:
    """An entry of someone the user may see, else Http404."""
    activity = (
        Activity.objects.select_related("person")
        .filter(pk=activity_id, person__in=visible_people(user))
        .first()
    )
    if activity is None:
        raise Http404("No such entry")
    return activity


def get_dashboard_team_for_user(user: Any, team_id: int | None) -> Team | None:
    """The team a dashboard shows: a manager's own; for a director, the one asked for, or
    None for the whole organisation. Reps, strangers and other teams get Http404."""
    viewer = person_of(user)
    if viewer is None or viewer.role not in {Role.MANAGER, Role.DIRECTOR}:
        raise Http404("No dashboard")
    if viewer.role == Role.MANAGER:
        if viewer.team is None or (team_id is not None and team_id != viewer.team_id):
            raise Http404("No such team")
        return viewer.team
    if team_id is None:
        return None
    team = Team.objects.filter(organization_id=viewer.organization_id, pk=team_id).first()
    if team is None:
        raise Http404("No such team")
    return team
