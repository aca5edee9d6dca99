"""The daily note ("did I decide my day?") and the month check-up that reads the notes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pillars.teams.access import get_person_for_user
from pillars.teams.models import Person
from pillars.timeuse.access_plans import get_note_person_for_user
from pillars.timeuse.actions_plans import save_daily_note
from pillars.timeuse.forms_plans import DailyNoteForm, parse_month
from pillars.timeuse.models import DailyNote
from pillars.timeuse.queries_plans import checkup_for, day_measured_hours


def today_of(person: Person) -> date:
    return timezone.now().astimezone(ZoneInfo(person.timezone)).date()


@login_required
@require_http_methods(["GET", "POST"])
def daily_note(request: HttpRequest, person_id: int) -> HttpResponse:
    """GET ?day=YYYY-MM-DD (default today): the form, pre-filled from the day's entries."""
    person = get_note_person_for_user(request.user, person_id)
    today = today_of(person)
    form = DailyNoteForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save_daily_note(
            person=person,
            day=data["day"],
            decided=data["decided_my_day"],
            proactive_hours=data["proactive_hours"],
            text=data["text"],
        )
        messages.success(request, f"Note of {data['day']:%Y-%m-%d} saved.")
        return redirect(reverse("checkup", args=[person.pk]) + f"?month={data['day']:%Y-%m}")
    day = _day(request.GET.get("day"), today)
    measured = day_measured_hours(person, day)
    if request.method == "GET":
        form = DailyNoteForm(initial=_initial(person, day, measured), today=today)
    context = {"person": person, "form": form, "day": day, "measured": measured}
    return render(request, "timeuse/daily_note.html", context)


@login_required
@require_GET
def checkup(request: HttpRequest, person_id: int) -> HttpResponse:
    """?month=YYYY-MM (default this month): notes beside the measured weeks."""
    person = get_person_for_user(request.user, person_id)
    month = parse_month(request.GET.get("month"), today_of(person))
    result, time = checkup_for(person, month)
    previous = month.replace(day=1).toordinal() - 1
    context = {
        "person": person,
        "checkup": result,
        "time": time,
        "month": month,
        "previous": date.fromordinal(previous).strftime("%Y-%m"),
        "next": date(month.year + month.month // 12, month.month % 12 + 1, 1).strftime("%Y-%m"),
        "own": request.user == person.user,
    }
    return render(request, "timeuse/checkup.html", context)


def _day(text: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return today
    return min(day, today)


def _initial(person: Person, day: date, measured: float) -> dict[str, object]:
    note = DailyNote.objects.filter(person=person, date=day).first()
    if note is None:
        return {"day": day, "proactive_hours": Decimal(f"{measured:.2f}")}
    decided = "yes" if note.decided_my_day else "no"
    return {
        "day": day,
        "decided_my_day": decided,
        "proactive_hours": note.proactive_hours,
        "text": note.text,
    }
