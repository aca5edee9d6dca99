"""Targets: the proactive target of each person and team, with the seed's warning above 70%.

Directors set them for anyone and any team, managers for their own team and its people;
a rep reads their own.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pillars.domain.targets import DEFAULT_HOURS_PER_WEEK
from pillars.teams.access import oversees
from pillars.teams.models import Person, Team
from pillars.timeuse.access_plans import (
    get_target_person_for_user,
    get_target_team_for_user,
    get_visible_people,
    target_teams_for_user,
    viewer_or_404,
)
from pillars.timeuse.actions_plans import set_target
from pillars.timeuse.forms_plans import TargetForm
from pillars.timeuse.queries_plans import target_lines, warnings_for


@login_required
@require_GET
def targets(request: HttpRequest) -> HttpResponse:
    viewer = viewer_or_404(request.user)
    people = get_visible_people(request.user)
    lines = target_lines(people, target_teams_for_user(request.user))
    editable = {p.pk for p in people if oversees(viewer, p)}
    return render(request, "timeuse/targets.html", {"lines": lines, "editable": editable})


@login_required
@require_http_methods(["GET", "POST"])
def target_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_target_person_for_user(request.user, person_id)
    return _edit(request, person=person, hours_per_week=float(person.weekly_hours))


@login_required
@require_http_methods(["GET", "POST"])
def target_team(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_target_team_for_user(request.user, team_id)
    return _edit(request, team=team, hours_per_week=DEFAULT_HOURS_PER_WEEK)


def _edit(
    request: HttpRequest,
    *,
    hours_per_week: float,
    person: Person | None = None,
    team: Team | None = None,
) -> HttpResponse:
    """Show the target form; on a valid POST store the target and say if it is unrealistic."""
    form = TargetForm(request.POST or None, initial={"target": _current(person, team)})
    if request.method == "POST" and form.is_valid():
        set_target(target=form.parsed, person=person, team=team)
        who = person.name if person else f"team {team.name if team else ''}"
        label = form.parsed.label() if form.parsed else "no target of its own"
        messages.success(request, f"Proactive target of {who}: {label}.")
        for warning in warnings_for(form.parsed, hours_per_week):
            messages.warning(request, warning[0].upper() + warning[1:] + ".")
        return redirect("targets")
    context = {"form": form, "person": person, "team": team}
    return render(request, "timeuse/target_form.html", context)


def _current(person: Person | None, team: Team | None) -> str:
    lines = target_lines([person] if person else [], [team] if team else [])
    own = lines[0].own if lines else None
    return own.label().replace(" h/week", "h") if own else ""
