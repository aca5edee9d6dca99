"""Reads behind the plans: targets in force, a day's proactive hours, the month check-up,
next week's proposed blocks and the rows of the downloads.

Every figure comes from the same pure functions as the weekly report, fed with the stored
entries (effective category: the person's override, else the rule's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from pillars.domain.daynotes import Checkup, DayNote, day_proactive_hours, month_checkup
from pillars.domain.records import Category
from pillars.domain.targets import (
    DEFAULT_HOURS_PER_WEEK,
    Target,
    target_from_settings,
    target_warnings,
)
from pillars.domain.timeblocks import Block, propose_blocks
from pillars.domain.timeuse import out_of_office_dates, split_counted
from pillars.domain.window import Window, iso_week_label, midnight
from pillars.errors import ConfigError
from pillars.exporters.entries import EntryLine
from pillars.exporters.report_html import summary_for
from pillars.teams.models import Person, Team
from pillars.timeuse.convert import to_classified, to_record
from pillars.timeuse.models import Activity, DailyNote
from pillars.timeuse.models import Target as TargetRow
from pillars.timeuse.queries import PersonTime, person_time, target_for


@dataclass(frozen=True)
class TargetLine:
    """A person's or team's target as the targets page shows it."""

    person: Person | None
    team: Team | None
    own: Target | None  # set on this person or team
    effective: Target | None  # what the report uses (the person's, else the team's, ...)
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class BlockPlan:
    person: Person
    monday: date
    target: Target | None
    target_hours: float
    planned_hours: float
    blocks: tuple[Block, ...]
    days_off: frozenset[date] = frozenset()

    @property
    def week(self) -> str:
        return iso_week_label(self.monday)

    @property
    def hours_needed(self) -> float:
        return max(0.0, self.target_hours - self.planned_hours)

    @property
    def proposed_hours(self) -> float:
        return sum(block.hours for block in self.blocks)


def warnings_for(target: Target | None, hours_per_week: float) -> tuple[str, ...]:
    return tuple(target_warnings(target, hours_per_week)) if target else ()


def target_lines(people: list[Person], teams: list[Team]) -> list[TargetLine]:
    """Each team's own target, then each person's own and effective one (two queries)."""
    team_ids = {team.pk for team in teams} | {p.team_id for p in people if p.team_id}
    rows = list(
        TargetRow.objects.filter(Q(person__in=people) | Q(person=None, team_id__in=team_ids))
    )
    lines = []
    for team in teams:
        own = target_for_scope([r for r in rows if r.team_id == team.pk and r.person_id is None])
        lines.append(TargetLine(None, team, own, own, warnings_for(own, DEFAULT_HOURS_PER_WEEK)))
    for person in people:
        own = target_for_scope([r for r in rows if r.person_id == person.pk])
        effective = target_for(person, rows)
        weekly = float(person.weekly_hours)
        lines.append(TargetLine(person, None, own, effective, warnings_for(effective, weekly)))
    return lines


def target_for_scope(rows: list[TargetRow]) -> Target | None:
    """The target stored on one person or team (None when unset or not valid)."""
    for row in rows:
        try:
            return target_from_settings(row.share, row.hours_per_week)
        except ConfigError:
            continue
    return None


def day_measured_hours(person: Person, day: date) -> float:
    """The proactive hours the stored entries of `day` hold (the note's pre-filled value)."""
    tz = ZoneInfo(person.timezone)
    start = midnight(day, tz)
    rows = list(
        Activity.objects.for_person(person).between(start, midnight(day + timedelta(days=1), tz))
    )
    records = [to_record(row, tz) for row in rows]
    counted = {id(r) for r in split_counted(records)[0]}
    classified = [
        to_classified(row, rec)
        for row, rec in zip(rows, records, strict=True)
        if id(rec) in counted
    ]
    return day_proactive_hours(classified, day, tz)


def checkup_for(person: Person, month: date) -> tuple[Checkup, PersonTime]:
    """The month's notes beside the weeks measured over the same days."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    time = person_time(person, (first, last))
    notes = [
        DayNote(n.date, n.decided_my_day, float(n.proactive_hours), n.text)
        for n in DailyNote.objects.filter(person=person, date__range=(first, last))
    ]
    return month_checkup(first, notes, time.report.weeks), time


def block_plan(person: Person, monday: date) -> BlockPlan:
    """Next week's proposal: the target's hours for that week (pro-rated to its available
    hours) less the proactive hours already planned, placed in the free working time."""
    tz = ZoneInfo(person.timezone)
    time = person_time(person, (monday, monday + timedelta(days=6)))
    entries = time.entries.get(iso_week_label(monday), [])
    busy: list[Window] = [
        (e.row.start, e.row.end)
        for e in entries
        if not e.not_counted and not e.out_of_office and not e.row.all_day
    ]
    days_off = out_of_office_dates(to_record(e.row, tz) for e in entries if e.out_of_office)
    week = time.report.total
    target_hours = week.target.target_hours if week.target else 0.0
    planned = week.hours[Category.PROACTIVE]
    blocks = propose_blocks(
        monday=monday, tz=tz, busy=busy, hours_needed=target_hours - planned, days_off=days_off
    )
    return BlockPlan(
        person, monday, time.target, target_hours, planned, tuple(blocks), frozenset(days_off)
    )


def entry_lines(time: PersonTime, *, hide_private: bool) -> list[EntryLine]:
    """Every stored entry of the window as a download row, in the person's wall clock;
    with `hide_private`, private entries' subjects read "(private)"."""
    tz = ZoneInfo(time.person.timezone)
    lines = []
    for week, entries in sorted(time.entries.items()):
        for e in entries:
            row = e.row
            start, end = row.start.astimezone(tz), row.end.astimezone(tz)
            hours = 0.0 if row.all_day else (row.end - row.start).total_seconds() / 3600
            lines.append(
                EntryLine(
                    person=time.person.email,
                    week=week,
                    start=start.replace(tzinfo=None),
                    end=end.replace(tzinfo=None),
                    all_day=row.all_day,
                    hours=hours,
                    category=e.category,
                    rule="override" if e.overridden else e.rule,
                    overridden=e.overridden,
                    counted=not e.not_counted and not e.out_of_office,
                    summary=summary_for(row.summary, row.private, hide_private=hide_private),
                    account=row.account,
                    source=row.source,
                )
            )
    return lines
