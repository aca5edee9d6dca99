"""A file's zone is swapped for the tz database's only when every hour's offset agrees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar
from pillars.importers.ics_zonematch import matches_database

OUTLOOK_BERLIN = """BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE"""

# Same name, but summer time from the second Sunday of March (as in North America).
ODD_RULES = OUTLOOK_BERLIN.replace("BYDAY=-1SU;BYMONTH=3", "BYDAY=2SU;BYMONTH=3")


def test_outlook_definition_matches_its_database_zone() -> None:
    assert matches_database(OUTLOOK_BERLIN, "Europe/Berlin", (2025, 2026))


def test_another_zone_or_other_transition_days_do_not_match() -> None:
    assert not matches_database(OUTLOOK_BERLIN, "Europe/Lisbon", (2025,))
    assert not matches_database(OUTLOOK_BERLIN, "America/New_York", (2025,))
    assert not matches_database(ODD_RULES, "Europe/Berlin", (2025,))


def calendar_with(vtimezone: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + vtimezone + "\r\n"
        "BEGIN:VEVENT\r\nUID:dst@test\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART;TZID=W. Europe Standard Time:20250324T100000\r\n"
        "DTEND;TZID=W. Europe Standard Time:20250324T110000\r\nSUMMARY:After DST?\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def read_start(data: bytes) -> datetime:
    tz = ZoneInfo("Europe/Berlin")
    window = (datetime(2025, 3, 1, tzinfo=tz), datetime(2025, 4, 1, tzinfo=tz))
    [activity] = read_calendar(data, ReadOptions(window=window, tz=tz), ReadLog("x.ics"))
    return activity.start


def test_a_file_whose_rules_differ_from_the_name_keeps_its_own_offsets() -> None:
    # 24 March 2025: Berlin is still on winter time (+01:00); the odd rules already moved on.
    assert read_start(calendar_with(OUTLOOK_BERLIN)) == datetime(2025, 3, 24, 9, tzinfo=UTC)
    assert read_start(calendar_with(ODD_RULES)) == datetime(2025, 3, 24, 8, tzinfo=UTC)
    assert timedelta(hours=1) == read_start(calendar_with(OUTLOOK_BERLIN)) - read_start(
        calendar_with(ODD_RULES)
    )
