"""The weekly report as CSV and XLSX downloads: one person's (with their entries), or every
person the user may see (the team's). The window is the page's: ?from=&to= or ?weeks=."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from pillars.exporters.entries import entries_to_csv
from pillars.exporters.report import report_to_csv
from pillars.exporters.xlsx import report_to_xlsx
from pillars.teams.access import get_person_for_user, sees_private_subjects
from pillars.teams.models import Person
from pillars.timeuse.access_plans import get_visible_people
from pillars.timeuse.forms import WindowForm
from pillars.timeuse.queries import default_range, person_time, team_report
from pillars.timeuse.queries_plans import entry_lines

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX}


@login_required
@require_GET
def person_download(request: HttpRequest, person_id: int, fmt: str) -> HttpResponse:
    """report.csv / report.xlsx (weeks, and in the workbook the entries) / entries.csv."""
    person = get_person_for_user(request.user, person_id)
    today = timezone.now().astimezone(ZoneInfo(person.timezone)).date()
    first, last = _range(request, [person], today)
    time = person_time(person, (first, last))
    hide_private = not sees_private_subjects(request.user, person)
    if fmt == "entries.csv":
        body: str | bytes = entries_to_csv(entry_lines(time, hide_private=hide_private))
    elif fmt == "report.csv":
        body = report_to_csv([time.report])
    else:
        body = report_to_xlsx([time.report], entry_lines(time, hide_private=hide_private))
    return _attachment(body, f"{_slug(person.email)}-{first}-{last}-{fmt}")


@login_required
@require_GET
def team_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """report.csv / report.xlsx: one row per person the user may see and week."""
    people = get_visible_people(request.user)
    if not people:
        raise Http404("No one to report on")
    first, last = _range(request, people, timezone.localdate())
    reports = [pt.report for pt in team_report(people, (first, last))]
    body = report_to_csv(reports) if fmt == "report.csv" else report_to_xlsx(reports)
    return _attachment(body, f"team-{first}-{last}-{fmt}")


def _range(request: HttpRequest, people: list[Person], today: date) -> tuple[date, date]:
    return WindowForm(request.GET).date_range(lambda: default_range(people, today))


def _attachment(body: str | bytes, filename: str) -> HttpResponse:
    kind = FORMATS[filename.rpartition(".")[2]]
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename.replace("-report", "")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _slug(email: str) -> str:
    # ASCII only: the name goes into a Content-Disposition header.
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in email.partition("@")[0])
