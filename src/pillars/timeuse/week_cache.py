"""Each person's weekly figures, remembered between page views until their entries change.

A dashboard shows 12 weeks of every person of a team or of the organisation; recomputing
them from the raw entries on every view costs seconds. A week's figures depend only on the
person's entries touching it, their zone and their contracted hours, so they are kept in the
"reports" cache under a key holding the person's `activity_version`, which every write of
their entries raises (imports and API pushes, corrections, rule changes, undo, the admin):
`touch_people`. Targets are judged when the page is built, never remembered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import caches
from django.db.models import F

from pillars.domain.records import Activity as ActivityRecord
from pillars.domain.timeuse import WeekFigures, week_figures
from pillars.domain.window import Window, week_segments
from pillars.teams.models import Person
from pillars.timeuse.convert import counted_rows
from pillars.timeuse.models import Activity

REPORTS_CACHE = "reports"
# What to_record and to_classified read: enough for the figures without model instances.
REPORT_FIELDS = (
    *(f.name for f in fields(ActivityRecord)),
    "category",
    "rule",
    "override_category",
    "person_id",
)
MAX_REMEMBERED_WEEKS = 520  # per person: ten years of weeks, or many different windows
Memo = dict[tuple[str, str], WeekFigures]  # (segment start, end) as ISO text -> figures


def touch_people(person_ids: Iterable[int]) -> None:
    """Mark these people's entries as changed: their remembered figures are not used again."""
    ids = sorted(set(person_ids))
    if ids:
        Person.objects.filter(pk__in=ids).update(activity_version=F("activity_version") + 1)


def figures_by_person(
    people: Sequence[Person], spans: dict[int, Window]
) -> dict[int, list[WeekFigures]]:
    """Every person's weekly figures over their span: remembered ones, the rest computed
    from one query of the entries of the weeks nobody remembers."""
    cache = caches[REPORTS_CACHE]
    # Read now, not from the Person objects: a write earlier in this request raised them.
    versions = dict(
        Person.objects.filter(pk__in=[p.pk for p in people]).values_list("pk", "activity_version")
    )
    keys = {person.pk: _key(person, versions.get(person.pk, 0)) for person in people}
    stored: dict[str, Memo] = cache.get_many(list(keys.values()))
    segments = {p.pk: _segments(p, spans[p.pk]) for p in people}
    missing: dict[int, Window] = {}
    for person in people:
        memo = stored.setdefault(keys[person.pk], {})
        if len(memo) > MAX_REMEMBERED_WEEKS:  # many windows asked for: start again
            memo = stored[keys[person.pk]] = {}
        unknown = [s for s in segments[person.pk] if _segment_key(s) not in memo]
        if unknown:
            missing[person.pk] = (unknown[0][0], unknown[-1][1])
    if missing:
        rows = _rows(missing)
        updates = {}
        for person in people:
            if person.pk in missing:
                memo = {
                    **stored[keys[person.pk]],
                    **_computed(person, missing[person.pk], rows[person.pk]),
                }
                stored[keys[person.pk]] = updates[keys[person.pk]] = memo
        cache.set_many(updates)
    return {p.pk: [stored[keys[p.pk]][_segment_key(s)] for s in segments[p.pk]] for p in people}


def _key(person: Person, version: int) -> str:
    return f"weeks:{person.pk}:{version}:{person.timezone}:{person.weekly_hours}"


def _segments(person: Person, span: Window) -> list[Window]:
    return [segment for _, segment in week_segments(span[0], span[1], ZoneInfo(person.timezone))]


def _segment_key(segment: Window) -> tuple[str, str]:
    return segment[0].isoformat(), segment[1].isoformat()


def _rows(missing: dict[int, Window]) -> dict[int, list[Any]]:
    earliest = min(span[0] for span in missing.values())
    latest = max(span[1] for span in missing.values())
    rows = Activity.objects.filter(person_id__in=list(missing)).between(earliest, latest)
    by_person: dict[int, list[Any]] = defaultdict(list)
    for row in rows.order_by("start", "pk").values_list(*REPORT_FIELDS, named=True):
        span = missing[row.person_id]
        if row.start < span[1] and row.end > span[0]:
            by_person[row.person_id].append(row)
    return by_person


def _computed(person: Person, span: Window, rows: Sequence[Any]) -> Memo:
    """The figures of the weeks of `span` (a run of whole segments of the person's window)."""
    tz = ZoneInfo(person.timezone)
    _, classified, _, out_of_office = counted_rows(rows, tz)
    figures = week_figures(
        classified,
        tz=tz,
        window=span,
        hours_per_week=person.weekly_hours,
        out_of_office=out_of_office,
    )
    return {_segment_key(week.segment): week for week in figures}
