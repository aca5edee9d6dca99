"""The team dashboard: a manager's team, or for a director every team and the organisation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from pillars.teams.access import person_of, visible_people
from pillars.teams.models import Role, Team
from pillars.timeuse.access import get_dashboard_team_for_user
from pillars.timeuse.dashboard import (
    DEFAULT_WEEKS,
    from_first_data,
    organisation_dashboard,
    team_dashboard,
)
from pillars.timeuse.forms import WindowForm, shifted
from pillars.timeuse.queries import default_range, team_report
from pillars.timeuse.views import _page


@login_required
@require_GET
def dashboard(request: HttpRequest, team_id: int | None = None) -> HttpResponse:
    """Stacked hours, proactive share against target and its trend, per person and week."""
    team = get_dashboard_team_for_user(request.user, team_id)
    # Directors answer for the organisation, not for the team they may be placed in: a team's
    # figures are the same whoever looks at them.
    people = visible_people(request.user).select_related("team").exclude(role=Role.DIRECTOR)
    people = list(people.filter(team=team) if team else people.filter(team__isnull=False))
    form = WindowForm(request.GET)
    first, last = form.date_range(
        lambda: default_range(people, timezone.localdate(), weeks=DEFAULT_WEEKS)
    )
    people_time = team_report(people, (first, last), entries=False)
    if not form.asks_for_dates():
        people_time, first = from_first_data(people_time, first)
    query = f"?from={first:%Y-%m-%d}&to={last:%Y-%m-%d}"
    if team is not None:
        board = team_dashboard(team, people_time, query)
    else:
        org = person_of(request.user).organization  # type: ignore[union-attr]
        teams = list(Team.objects.filter(organization=org).order_by("name"))
        board = organisation_dashboard(org.name, teams, people_time, query)
    context = {"board": board, "team": team, "form": form, "first": first, "last": last}
    context |= {"earlier": shifted(first, last, -1), "later": shifted(first, last, 1)}
    return _page(request, "timeuse/dashboard.html", context)
