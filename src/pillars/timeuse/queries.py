"""Reads of the time pillar: a person's (or a team's) weekly report from the stored entries.

The numbers come from the same pure function the CLI uses (domain.timeuse.person_report):
the database only replaces the files. Each entry counts under its effective category: the
person's override when there is one, else the category its rule gave.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q

from pillars.domain.targets import Target, target_from_settings
from pillars.domain.timeuse import (
    PersonReport,
    WeekFigures,
    person_report,
    report_of_weeks,
    split_counted,
    week_report,
)
from pillars.domain.window import Window, dates_window, iso_week_label
from pillars.errors import ConfigError
from pillars.teams.models import Person
from pillars.timeuse.convert import counted_rows, to_record
from pillars.timeuse.models import Activity
from pillars.timeuse.models import Target as TargetRow
from pillars.timeuse.week_cache import figures_by_person

DateRange = tuple[date, date]  # inclusive first and last day, cut in each person's zone


@dataclass(frozen=True)
class Entry:
    """One stored entry as the person page shows it."""

    row: Activity
    category: str  # effective: the override, else the rule's
    rule: str  # the rule that set the imported category
    overridden: bool
    not_counted: str | None  # why it is not working time, or None
    out_of_office: bool


@dataclass(frozen=True)
class PersonTime:
    """A person's report over a window and the entries behind it, by ISO week label
    (none when read by team_report(..., entries=False))."""

    person: Person
    window: Window
    target: Target | None
    report: PersonReport
    entries: dict[str, list[Entry]]


def person_weekly_report(person: Person, window: Window | DateRange) -> PersonReport:
    """The domain's weekly report (weeks + total) of one person over the window."""
    return person_time(person, window).report


def person_time(person: Person, window: Window | DateRange) -> PersonTime:
    """The report and the entries of one person, from one query of their activities."""
    span = window_for(person, window)
    rows = list(Activity.objects.for_person(person).between(*span).order_by("start", "pk"))
    scope = Q(person=person)
    if person.team_id:
        scope |= Q(person=None, team_id=person.team_id)
    targets = list(TargetRow.objects.filter(scope))
    return _build(person, span, rows, target_for(person, targets))


def team_report(
    people: Iterable[Person], window: Window | DateRange, *, entries: bool = True
) -> list[PersonTime]:
    """Every given person's report (e.g. visible_people(user)), in two queries in all.

    With entries=False (the dashboard) the PersonTimes carry no entries and the weekly
    figures come from the week cache: only weeks not remembered since the person's entries
    last changed are computed, from one query of plain tuples.
    """
    people = list(people)
    spans = {person.pk: window_for(person, window) for person in people}
    if not people:
        return []
    teams = {person.team_id for person in people if person.team_id}
    targets = list(
        TargetRow.objects.filter(Q(person__in=people) | Q(person=None, team_id__in=teams))
    )
    if not entries:
        figures = figures_by_person(people, spans)
        return [
            _from_figures(person, spans[person.pk], figures[person.pk], target_for(person, targets))
            for person in people
        ]
    earliest = min(span[0] for span in spans.values())
    latest = max(span[1] for span in spans.values())
    by_person: dict[int, list[Any]] = defaultdict(list)
    rows = Activity.objects.filter(person__in=people).between(earliest, latest)
    for row in rows.order_by("start", "pk"):
        by_person[row.person_id].append(row)
    result = []
    for person in people:
        span = spans[person.pk]
        rows = [r for r in by_person[person.pk] if r.start < span[1] and r.end > span[0]]
        result.append(_build(person, span, rows, target_for(person, targets)))
    return result


def _from_figures(
    person: Person, span: Window, figures: Sequence[WeekFigures], target: Target | None
) -> PersonTime:
    weeks = [week_report(week, target, person.weekly_hours) for week in figures]
    report = report_of_weeks(person.email, weeks, span, target, person.weekly_hours)
    return PersonTime(person, span, target, report, {})


def target_for(person: Person, targets: Sequence[TargetRow]) -> Target | None:
    """The person's own Target row, else their team's, else the share on the person.

    A stored value the domain rejects (a 0% share) is skipped rather than breaking the page.
    """
    own = [t for t in targets if t.person_id == person.pk]
    team = [t for t in targets if t.person_id is None and t.team_id and t.team_id == person.team_id]
    candidates = [(row.share, row.hours_per_week) for row in (*own, *team)]
    for share, hours in [*candidates, (person.proactive_target, None)]:
        try:
            return target_from_settings(share, hours)
        except ConfigError:
            continue
    return None


def window_for(person: Person, window: Window | DateRange) -> Window:
    """Aware bounds: a date range is cut at midnight in the person's own zone."""
    first, last = window
    if isinstance(first, datetime) and isinstance(last, datetime):
        return first, last
    return dates_window(first, last, ZoneInfo(person.timezone))


def default_range(people: Iterable[Person], today: date, weeks: int = 2) -> DateRange:
    """The last `weeks` whole ISO weeks before today's; when those hold no entry of these
    people (an old export, the demo), the same number of weeks up to their latest entry."""
    monday = today - timedelta(days=today.weekday())
    first, last = monday - timedelta(weeks=weeks), monday - timedelta(days=1)
    people = list(people)
    entries = Activity.objects.filter(person__in=people, start__lt=_utc_midnight(monday))
    if entries.filter(end__gt=_utc_midnight(first)).exists():
        return first, last
    latest = entries.order_by("-start").values_list("start", flat=True).first()
    if latest is None:
        return first, last
    last_monday = _monday(latest.date())
    return last_monday - timedelta(weeks=weeks - 1), last_monday + timedelta(days=6)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _utc_midnight(day: date) -> datetime:
    # Only used to find whether there is data at all: a few hours of zone offset do not matter.
    return datetime.combine(day, time(0), tzinfo=UTC)


def _build(
    person: Person,
    span: Window,
    rows: Sequence[Activity],
    target: Target | None,
) -> PersonTime:
    tz = ZoneInfo(person.timezone)
    records, classified, excluded, out_of_office = counted_rows(rows, tz)
    reasons = {id(record): reason for record, reason in excluded}
    away = {id(record) for record in out_of_office}
    report = person_report(
        person.email,
        classified,
        tz=tz,
        window=span,
        hours_per_week=person.weekly_hours,
        out_of_office=out_of_office,
        target=target,
    )
    by_week: dict[str, list[Entry]] = defaultdict(list)
    for row, record in zip(rows, records, strict=True):
        week = iso_week_label(max(row.start, span[0]).astimezone(tz).date())
        by_week[week].append(_entry(row, reasons.get(id(record)), id(record) in away))
    return PersonTime(person, span, target, report, dict(by_week))


def entry_of(row: Activity, tz: ZoneInfo) -> Entry:
    """One stored entry as the person page shows it (after a category override)."""
    record = to_record(row, tz)
    _, excluded, out_of_office = split_counted([record])
    reason = excluded[0][1] if excluded else None
    return _entry(row, reason, bool(out_of_office))


def _entry(row: Activity, reason: str | None, away: bool) -> Entry:
    return Entry(
        row=row,
        category=row.effective_category,
        rule=row.rule,
        overridden=bool(row.override_category),
        not_counted=reason,
        out_of_office=away,
    )
