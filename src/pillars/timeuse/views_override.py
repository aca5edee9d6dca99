"""One-click category override of an entry, from the person page (htmx)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pillars.domain.timeuse import WeekReport
from pillars.timeuse.access import get_activity_for_user
from pillars.timeuse.actions import override_category
from pillars.timeuse.forms_import import OverrideForm
from pillars.timeuse.models import Activity
from pillars.timeuse.queries import entry_of, person_time


@login_required
@require_POST
def override_entry(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Set or clear the entry's own category; htmx gets the row and its week's split back."""
    activity = get_activity_for_user(request.user, activity_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Unknown category: choose proactive, reactive or internal.")
    override_category(activity=activity, category=form.cleaned_data["category"] or None)
    person = activity.person
    if not getattr(request, "htmx", False):
        return redirect(reverse("person", args=[person.pk]) + f"#entry-{activity.pk}")
    tz = ZoneInfo(person.timezone)
    context = {"e": entry_of(activity, tz), "person": person, "week": week_of(activity, tz)}
    return render(request, "timeuse/_entry_row_response.html", context)


def week_of(activity: Activity, tz: ZoneInfo) -> WeekReport | None:
    """The split of the entry's week, swapped in beside the row (out of band)."""
    day = activity.start.astimezone(tz).date()
    monday = day - timedelta(days=day.weekday())
    weeks = person_time(activity.person, (monday, monday + timedelta(days=6))).report.weeks
    return weeks[0] if weeks else None
