"""Thin views over the time pillar: access helper -> window form -> query -> render."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from pillars.teams.access import (
    get_person_for_user,
    is_team_viewer,
    person_of,
    sees_private_subjects,
    visible_people,
)
from pillars.teams.models import Person
from pillars.timeuse.charts import weekly_chart
from pillars.timeuse.forms import WindowForm, shifted
from pillars.timeuse.models import ImportRun
from pillars.timeuse.queries import default_range, person_time, team_report


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A rep lands on their own page; managers and directors on the people they can see."""
    me = person_of(request.user)
    if me is not None and not is_team_viewer(request.user):
        return redirect("person", person_id=me.pk)
    people = list(visible_people(request.user).select_related("team"))
    form = WindowForm(request.GET)
    first, last = form.date_range(lambda: default_range(people, timezone.localdate()))
    people_time = team_report(people, (first, last), entries=False)
    context = {"people_time": people_time, "form": form}
    context |= {"first": first, "last": last, "me": me}
    context |= {"earlier": shifted(first, last, -1), "later": shifted(first, last, 1)}
    return _page(request, "timeuse/people.html", context)


@login_required
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person's weeks: the split against the target, the chart and every entry."""
    person = get_person_for_user(request.user, person_id)
    context = report_context(person, request.GET)
    context["hide_private"] = not sees_private_subjects(request.user, person)
    first, last = context["first"], context["last"]
    context |= {"earlier": shifted(first, last, -1), "later": shifted(first, last, 1)}
    context["runs"] = ImportRun.objects.filter(person=person).order_by("-created_at", "-pk")[:5]
    return _page(request, "timeuse/person.html", context)


def report_context(person: Person, params: QueryDict) -> dict[str, Any]:
    """The person's figures for the window `params` ask for: the page's, and the parts an
    override swaps back into it (the window's total and chart, the entry's week)."""
    today = timezone.now().astimezone(ZoneInfo(person.timezone)).date()
    form = WindowForm(params)
    first, last = form.date_range(lambda: default_range([person], today))
    time = person_time(person, (first, last))
    context = {"person": person, "time": time, "form": form, "first": first, "last": last}
    context["chart"] = weekly_chart(time)
    return context


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The whole page, or for an htmx request (window navigation) only its report partial."""
    htmx = getattr(request, "htmx", False)
    response = render(request, f"{template}#report" if htmx else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
