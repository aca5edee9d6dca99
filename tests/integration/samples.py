"""Small calendars written inline for the import tests, and a snapshot of stored rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pillars.importers.base import ReadOptions
from pillars.teams.models import Person
from pillars.timeuse.models import Activity

WINDOW = (datetime(2024, 9, 30, tzinfo=UTC), datetime(2024, 10, 21, tzinfo=UTC))


def event(uid: str, day: int, summary: str, extra: str = "") -> str:
    return (
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20241001T000000Z\r\n"
        f"DTSTART:202410{day:02d}T090000Z\r\nDTEND:202410{day:02d}T100000Z\r\n"
        f"SUMMARY:{summary}\r\n{extra}"
        "END:VEVENT\r\n"
    )


def calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pillars tests//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


STANDARD_EVENTS = (
    event(
        "a@test",
        1,
        "Demo for ACME",
        "ORGANIZER:mailto:rita@northwind.example\r\nATTENDEE:mailto:buyer@acme.example\r\n",
    ),
    event("b@test", 2, "Team meeting"),
    event("c@test", 3, "Urgent support request"),
    event("d@test", 4, "Cancelled sync", "STATUS:CANCELLED\r\n"),
)


def options_for(person: Person) -> ReadOptions:
    return ReadOptions(window=WINDOW, tz=ZoneInfo(person.timezone), owner=person.email)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot() -> list[tuple[object, ...]]:
    return list(Activity.objects.order_by("pk").values_list())
