"""`pillars time report|entries` without files: the weekly report and entries from the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pillars.cli.common import Format, parse_zone, today_in
from pillars.cli.imports import setup_django, stored_person
from pillars.cli.render import render_entry_lists, render_report
from pillars.cli.windows import resolve_window
from pillars.domain.attendance import OUT_OF_OFFICE_REASON
from pillars.domain.window import Window
from pillars.errors import ConfigError


def stored_report(
    person: str | None,
    tz: str | None,
    date_from: str | None,
    date_to: str | None,
    weeks: int,
    fmt: Format,
    out: Path | None,
    *,
    demo: bool,
) -> None:
    """One person's report (--person), or everyone's over the demo weeks (--demo)."""
    setup_django()
    from pillars.teams.models import Person
    from pillars.timeuse.queries import person_weekly_report

    if demo:
        zone, window = _demo_window()
        people = list(Person.objects.filter(activities__isnull=False).distinct().order_by("name"))
        if not people:
            raise ConfigError(
                "no demo data: run `python manage.py load_demo` (or `make run`) first"
            )
    else:
        found, zone, window = _stored_person(person, tz, date_from, date_to, weeks)
        people = [found]
    reports = [person_weekly_report(p, window) for p in people]
    render_report(reports, [], fmt, out, zone)


def stored_entries(
    person: str | None,
    tz: str | None,
    date_from: str | None,
    date_to: str | None,
    weeks: int,
    fmt: Format,
    out: Path | None,
) -> None:
    """`time entries --person EMAIL` without files: the stored entries, corrections applied."""
    setup_django()
    from pillars.timeuse.convert import to_classified, to_record
    from pillars.timeuse.queries import person_time

    found, zone, window = _stored_person(person, tz, date_from, date_to, weeks)
    counted, excluded = [], []
    for entries in person_time(found, window).entries.values():
        for entry in entries:
            record = to_record(entry.row, ZoneInfo(found.timezone))
            if entry.not_counted:
                excluded.append((record, entry.not_counted))
            elif entry.out_of_office:
                excluded.append((record, OUT_OF_OFFICE_REASON))
            else:
                counted.append(to_classified(entry.row, record))
    render_entry_lists(counted, excluded, [], fmt, out, zone)


def _stored_person(
    person: str | None, tz: str | None, date_from: str | None, date_to: str | None, weeks: int
) -> tuple[Any, ZoneInfo, Window]:
    """The person --person names, the zone (--tz, else theirs) and the window asked for."""
    if not person:
        raise ConfigError("give files to read, or --person EMAIL to read the database")
    found = stored_person(person)
    zone = parse_zone(tz or found.timezone)
    window = resolve_window(date_from, date_to, weeks=weeks, tz=zone, today=today_in(zone))
    return found, zone, window


def _demo_window() -> tuple[ZoneInfo, Window]:
    from pillars.demo import load_manifest
    from pillars.domain.window import dates_window

    manifest = load_manifest()
    window = manifest["window"]
    zone = ZoneInfo(window["timezone"])
    start: date = window["start"]
    end: date = window["end"]
    return zone, dates_window(start, date.fromordinal(end.toordinal() - 1), zone)
