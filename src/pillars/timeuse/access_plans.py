"""Access helpers for rules, targets and daily notes (the time pillar's plans).

Same rule as everywhere (teams.access): what a user may not see or change is a 404, so a
user learns nothing about objects that are not theirs.
- Rules belong to the organisation: everyone in it reads them, managers and directors edit.
- Targets: a director sets them for anyone and any team of the organisation, a manager for
  their own team and its people; a rep reads their own.
- Daily notes are the person's own: only they write them; whoever may see the person reads
  the month check-up.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pillars.teams.access import get_person_for_user, oversees, person_of, visible_people
from pillars.teams.models import Organization, Person, Role, Team
from pillars.timeuse.models import Rule

EDITORS = frozenset({Role.MANAGER, Role.DIRECTOR})


def viewer_or_404(user: Any) -> Person:
    """The signed-in user's person, else Http404 (an account without one sees nothing)."""
    viewer = person_of(user)
    if viewer is None:
        raise Http404("No person for this account")
    return viewer


def can_edit_rules(user: Any) -> bool:
    viewer = person_of(user)
    return viewer is not None and viewer.role in EDITORS


def get_rules_organization_for_user(user: Any, *, edit: bool = False) -> Organization:
    """The organisation whose rules the user reads (or, with edit, may change), else 404."""
    viewer = viewer_or_404(user)
    if edit and viewer.role not in EDITORS:
        raise Http404("No such page")
    return viewer.organization


def get_rule_for_user(user: Any, rule_id: int, *, edit: bool = False) -> Rule:
    """A rule of the user's organisation (with edit: only for managers and directors)."""
    organization = get_rules_organization_for_user(user, edit=edit)
    rule = Rule.objects.filter(organization=organization, pk=rule_id).first()
    if rule is None:
        raise Http404("No such rule")
    return rule


def get_target_person_for_user(user: Any, person_id: int) -> Person:
    """A person whose target the user may set, else Http404."""
    person = get_person_for_user(user, person_id)
    if not oversees(person_of(user), person):
        raise Http404("No such person")
    return person


def target_teams_for_user(user: Any) -> list[Team]:
    """The teams whose target the user may set: all of a director's, a manager's own."""
    viewer = person_of(user)
    if viewer is None or viewer.role not in EDITORS:
        return []
    teams = Team.objects.filter(organization_id=viewer.organization_id).order_by("name")
    if viewer.role == Role.MANAGER:
        teams = teams.filter(pk=viewer.team_id or 0)
    return list(teams)


def get_target_team_for_user(user: Any, team_id: int) -> Team:
    """A team whose target the user may set, else Http404."""
    team = next((t for t in target_teams_for_user(user) if t.pk == team_id), None)
    if team is None:
        raise Http404("No such team")
    return team


def get_note_person_for_user(user: Any, person_id: int) -> Person:
    """The person whose daily note this is, when it is the user's own; else Http404."""
    viewer = person_of(user)
    if viewer is None or viewer.pk != person_id:
        raise Http404("No such person")
    return get_person_for_user(user, person_id)


def get_visible_people(user: Any) -> list[Person]:
    """Everyone the user may see, with their team (the team's downloads)."""
    return list(visible_people(user).select_related("team", "organization"))
