"""A small two-week report built through the domain, shared by exporter tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pillars.domain.records import Activity, Category, Classified
from pillars.domain.targets import Target
from pillars.domain.timeuse import PersonReport, person_report
from pillars.domain.window import dates_window

MADRID = ZoneInfo("Europe/Madrid")
PERSON = "ana@acme.example"
WINDOW = dates_window(date(2026, 11, 9), date(2026, 11, 22), MADRID)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


def classified(
    summary: str, start: str, end: str, category: Category, **fields: object
) -> Classified:
    item = Activity("ics", summary, at(start), at(end), summary, **fields)  # type: ignore[arg-type]
    return Classified(item, category, f"rule for {summary}")


ENTRIES = [
    classified("Demo ACME", "2026-11-09 10:00", "2026-11-09 12:00", Category.PROACTIVE),
    classified("Team sync", "2026-11-09 11:00", "2026-11-09 12:00", Category.INTERNAL),
    classified("Support Globex", "2026-11-17 09:00", "2026-11-17 10:30", Category.REACTIVE),
]


def sample_report(person: str = PERSON, entries: list[Classified] = ENTRIES) -> PersonReport:
    return person_report(person, entries, tz=MADRID, window=WINDOW, target=Target("share", 0.4))
