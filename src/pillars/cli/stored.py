"""`pillars time report` without files: the weekly report from the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from pillars.cli.common import Format, parse_zone, today_in
from pillars.cli.imports import setup_django
from pillars.cli.render import render_report
from pillars.cli.windows import resolve_window
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
        if not person:
            raise ConfigError("give files to read, or --person EMAIL to read the database")
        found = Person.objects.filter(email=person.strip().lower()).first()
        if found is None:
            raise ConfigError(f"--person: no one with e-mail {person} in the database")
        people = [found]
        zone = parse_zone(tz or found.timezone)
        window = resolve_window(date_from, date_to, weeks=weeks, tz=zone, today=today_in(zone))
    reports = [person_weekly_report(p, window) for p in people]
    render_report(reports, [], fmt, out, zone)


def _demo_window() -> tuple[ZoneInfo, Window]:
    from pillars.demo import load_manifest
    from pillars.domain.window import dates_window

    manifest = load_manifest()
    window = manifest["window"]
    zone = ZoneInfo(window["timezone"])
    start: date = window["start"]
    end: date = window["end"]
    return zone, dates_window(start, date.fromordinal(end.toordinal() - 1), zone)
