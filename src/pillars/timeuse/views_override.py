"""One-click category override of an entry, from the person page (htmx)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pillars.timeuse.access import get_activity_for_user
from pillars.timeuse.actions import override_category
from pillars.timeuse.forms_import import OverrideForm
from pillars.timeuse.queries import entry_of


@login_required
@require_POST
def override_entry(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Set or clear the entry's own category; htmx gets the updated row back."""
    activity = get_activity_for_user(request.user, activity_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Unknown category: choose proactive, reactive or internal.")
    override_category(activity=activity, category=form.cleaned_data["category"] or None)
    person = activity.person
    if not getattr(request, "htmx", False):
        return redirect(reverse("person", args=[person.pk]) + f"#entry-{activity.pk}")
    entry = entry_of(activity, ZoneInfo(person.timezone))
    return render(request, "timeuse/_entry_row_response.html", {"e": entry, "person": person})
