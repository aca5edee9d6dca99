"""Helpers for the iCalendar importer tests: build a small calendar, read it, look at it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pillars.domain.records import Activity
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

BERLIN = ZoneInfo("Europe/Berlin")
WINDOW = (datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 30, tzinfo=UTC))


def calendar(*events: str, head: str = "") -> bytes:
    """A VCALENDAR around the given VEVENT bodies (one property a line, CRLF added)."""
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    parts += [line for line in head.strip().splitlines() if line.strip()]
    for event in events:
        parts += ["BEGIN:VEVENT", *[ln.strip() for ln in event.strip().splitlines()], "END:VEVENT"]
    parts.append("END:VCALENDAR")
    return ("\r\n".join(parts) + "\r\n").encode("utf-8")


def read(
    data: bytes,
    window: tuple[datetime, datetime] = WINDOW,
    tz: ZoneInfo = BERLIN,
    owner: str = "",
) -> tuple[list[Activity], ReadLog]:
    log = ReadLog("test.ics")
    return list(read_calendar(data, ReadOptions(window, tz, owner), log)), log


def local(activity: Activity, tz: ZoneInfo = BERLIN) -> str:
    """'YYYY-MM-DD HH:MM-HH:MM' of a timed activity, on the wall clock of tz."""
    start, end = activity.start.astimezone(tz), activity.end.astimezone(tz)
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"


def warnings(log: ReadLog) -> list[str]:
    return [warning.message for warning in log.warnings]


def errors(log: ReadLog) -> list[str]:
    return [error.message for error in log.errors]
