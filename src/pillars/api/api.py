"""The HTTP API at /api/: people, their weekly reports, and pushing activities.

Every call needs `Authorization: Bearer <token>` (`pillars token create EMAIL`). A token acts
as its user: the same access helpers as the pages decide who is visible, and anyone else's
id is a 404, never a 403. The schema is at /api/openapi.json, the docs at /api/docs (served
from the package's own static files: no CDN).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError

from pillars.api.auth import TokenAuth
from pillars.api.schemas import (
    ActivityBatch,
    Invalid,
    Message,
    PersonOut,
    PushResult,
    WeeklyReport,
)
from pillars.exporters.report import report_to_dict
from pillars.teams.access import get_person_for_user, visible_people
from pillars.teams.models import Person
from pillars.timeuse.actions import store_activities
from pillars.timeuse.queries import default_range, person_weekly_report

MAX_REPORT_DAYS = 371  # 53 weeks: one report call never walks more than a year of entries
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2099, 12, 31)
COUNTS = ("created", "updated", "unchanged", "skipped")

api = NinjaAPI(
    title="Pillars API",
    version="1",
    description="Push activities and read weekly time reports. Auth: `Bearer <token>`.",
    auth=TokenAuth(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

Errors = {401: Message, 404: Message, 422: Invalid}


@api.get("/people", response={200: list[PersonOut], 401: Message}, summary="People you can see")
def list_people(request: HttpRequest) -> list[PersonOut]:
    """A rep sees themself, a manager their team, a director the organisation."""
    people = visible_people(request.auth).select_related("team").order_by("name", "pk")
    return [_person_out(person) for person in people]


@api.get(
    "/people/{person_id}/weekly",
    response={200: WeeklyReport, **Errors},
    summary="A person's weekly report",
)
def weekly_report(
    request: HttpRequest,
    person_id: int,
    date_from: Annotated[date | None, Query(alias="from", description="first day")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="last day")] = None,
) -> dict[str, object]:
    """Weeks between `from` and `to` (inclusive, the person's zone); default the last 2 weeks.

    The shape is the CLI's `pillars time report --format json`.
    """
    person = get_person_for_user(request.auth, person_id)
    first, last = _range(person, date_from, date_to)
    return report_to_dict([person_weekly_report(person, (first, last))])


@api.post(
    "/people/{person_id}/activities",
    response={200: PushResult, **Errors},
    summary="Push a batch of activities",
)
def push(request: HttpRequest, person_id: int, batch: ActivityBatch) -> dict[str, object]:
    """Create or update the person's activities; idempotent on (source, source_id).

    Entries are classified by the organisation's rules as imported files are; a person's own
    overrides are kept. A push that creates or updates entries is recorded as an import named
    "api" (undone as one); an empty or unchanged push answers its counts and records nothing,
    so a CRM syncing every few minutes does not flood the import history.
    """
    person = get_person_for_user(request.auth, person_id)
    records = [item.to_record() for item in batch.activities]
    if not records:
        return {"import_run": None, **dict.fromkeys(COUNTS, 0), "problems": []}
    with transaction.atomic():
        run = store_activities(person=person, records=records, name="api", started_by=request.auth)
        recorded = bool(run.created or run.updated)
        if not recorded:
            transaction.set_rollback(True)  # the run and nothing else: no row was written
    counts = {name: getattr(run, name) for name in COUNTS}
    return {"import_run": run.pk if recorded else None, **counts, "problems": run.problems}


def _range(person: Person, first: date | None, last: date | None) -> tuple[date, date]:
    for day in (first, last):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise _invalid("dates must be between 1970-01-01 and 2099-12-31")
    if first is None and last is None:
        today = timezone.now().astimezone(ZoneInfo(person.timezone)).date()
        return default_range([person], today)
    # One bound alone: two weeks from it (or up to it).
    first = first or last - timedelta(days=13)  # type: ignore[operator]
    last = last or first + timedelta(days=13)
    if last < first:
        raise _invalid("'to' is before 'from'")
    if (last - first).days >= MAX_REPORT_DAYS:
        raise _invalid(f"at most {MAX_REPORT_DAYS} days per call")
    return first, last


def _invalid(message: str) -> ValidationError:
    """The same 422 shape as ninja's own validation errors."""
    return ValidationError([{"loc": ["query", "from"], "msg": message, "type": "value_error"}])


def _person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.pk,
        name=person.name,
        email=person.email,
        role=person.role,
        team=person.team.name if person.team else None,
        timezone=person.timezone,
        weekly_hours=float(person.weekly_hours),
    )
