"""One-click category override of an entry, from the person page (htmx)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pillars.domain.timeuse import WeekReport
from pillars.domain.window import iso_week_label
from pillars.teams.access import sees_private_subjects
from pillars.timeuse.access import get_activity_for_user
from pillars.timeuse.actions import override_category
from pillars.timeuse.forms import WindowForm
from pillars.timeuse.forms_import import OverrideForm
from pillars.timeuse.models import Activity
from pillars.timeuse.queries import entry_of, person_time
from pillars.timeuse.views import report_context


@login_required
@require_POST
def override_entry(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Set or clear the entry's own category; htmx gets the row back, and out of band every
    figure it counts in on the page: its week's split, the window's total and chart.

    The form posts the page's window (`from`, `to`), so the total is the page's own.
    """
    activity = get_activity_for_user(request.user, activity_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Unknown category: choose proactive, reactive or internal.")
    override_category(activity=activity, category=form.cleaned_data["category"] or None)
    person = activity.person
    if not getattr(request, "htmx", False):
        return redirect(page_url(request, person.pk) + f"#entry-{activity.pk}")
    tz = ZoneInfo(person.timezone)
    context = report_context(person, request.POST)
    context["hide_private"] = not sees_private_subjects(request.user, person)
    context["e"] = entry_of(activity, tz)
    context["week"] = week_in(context["time"].report.weeks, activity, tz)
    return render(request, "timeuse/_entry_row_response.html", context)


def page_url(request: HttpRequest, person_id: int) -> str:
    """The person page, on the window the form came from when it names one."""
    url = reverse("person", args=[person_id])
    window = WindowForm(request.POST)
    if window.is_valid() and window.cleaned_data.get("from"):
        dates = {k: window.cleaned_data[k].isoformat() for k in ("from", "to")}
        url += "?" + urlencode(dates)
    return url


def week_in(weeks: Sequence[WeekReport], activity: Activity, tz: ZoneInfo) -> WeekReport | None:
    """The split of the entry's week as the page shows it (the window's), else the whole week."""
    day = activity.start.astimezone(tz).date()
    monday = day - timedelta(days=day.weekday())
    for week in weeks:
        if week.week == iso_week_label(monday):
            return week
    alone = person_time(activity.person, (monday, monday + timedelta(days=6))).report.weeks
    return alone[0] if alone else None
