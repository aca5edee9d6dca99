"""Real calendars (tests/fixtures/ics/real) import without a crash and agree with the reference.

The reference is plain recurring-ical-events over the whole parsed file, after the product's
policy: X-WR-TIMEZONE applied (Google semantics), cancelled, free/transparent and all-day
entries dropped, floating times read in the person's zone (UTC here). Files the reference
itself cannot expand are only checked for a clean import with the problems reported.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import x_wr_timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pillars.domain.attendance import exclusion_reason
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

REAL = Path(__file__).parents[2] / "fixtures" / "ics" / "real"
FILES = sorted(path.name for path in REAL.glob("*.ics"))
# The reference raises on these (bad UNTIL text, missing DTSTART, broken EXDATE); ours
# skips or repairs the faulty part and reports it.
REFERENCE_FAILS = {
    "icalendar-issue_165_missing_event.ics",
    "icalendar-issue_722_missing_timezones.ics",
    "icalendar-parsing_error.ics",
}
# Blanks inside an RRULE list ('BYDAY=MO, TU') are repaired without a word: nothing is assumed.
REPAIRED_SILENTLY = {"icalendar-issue_165_missing_event.ics"}
WIDE = (datetime(1990, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC))
Row = tuple[datetime, datetime, str]


def ours(name: str, start: datetime, end: datetime) -> set[Row]:
    found = read_calendar(REAL / name, ReadOptions((start, end), ZoneInfo("UTC")), ReadLog(name))
    return {
        (a.start, a.end, a.source_id.split("#")[0])
        for a in found
        if exclusion_reason(a) is None and not a.all_day
    }


@cache
def reference_calendar(name: str) -> Any:
    calendar = icalendar.Calendar.from_ical((REAL / name).read_bytes())
    return x_wr_timezone.to_standard(calendar) if calendar.get("X-WR-TIMEZONE") else calendar


def reference(name: str, start: datetime, end: datetime) -> set[Row]:
    rows: set[Row] = set()
    for occurrence in recurring_ical_events.of(reference_calendar(name)).between(start, end):
        begin = occurrence["DTSTART"].dt
        if not isinstance(begin, datetime) or _excluded(occurrence):
            continue
        finish = occurrence["DTEND"].dt if "DTEND" in occurrence else begin
        if not isinstance(finish, datetime):
            finish = datetime.combine(finish, time(0), begin.tzinfo)
        low, high = sorted(_utc(value) for value in (begin, finish))
        rows.add((low, high, str(occurrence["UID"])))
    return rows


def _excluded(occurrence: Any) -> bool:
    status = str(occurrence.get("STATUS", "")).upper()
    free = str(occurrence.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE"
    return (
        status == "CANCELLED" or free or str(occurrence.get("TRANSP", "")).upper() == "TRANSPARENT"
    )


def _utc(value: datetime) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


@pytest.mark.parametrize("name", FILES)
def test_real_file_imports_without_crash(name: str) -> None:
    log = ReadLog(name)
    found = list(read_calendar(REAL / name, ReadOptions(WIDE, ZoneInfo("UTC")), log))
    assert all(a.start <= a.end and a.source == "ics" and a.source_id for a in found)
    assert len({a.source_id for a in found}) == len(found)
    if name in REFERENCE_FAILS - REPAIRED_SILENTLY:
        assert log.errors or log.warnings


windows = st.builds(
    lambda day, hour, days: (
        datetime.combine(date(2005, 1, 1) + timedelta(days=day), time(hour), UTC),
        datetime.combine(date(2005, 1, 1) + timedelta(days=day + days), time(hour), UTC),
    ),
    st.integers(0, 9000),
    st.integers(0, 23),
    st.integers(1, 45),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from([name for name in FILES if name not in REFERENCE_FAILS]), window=windows
)
def test_fast_path_yields_the_reference_occurrences(
    name: str, window: tuple[datetime, datetime]
) -> None:
    start, end = window
    assert ours(name, start, end) == reference(name, start, end)


@pytest.mark.parametrize(
    "start", [datetime(2019, 3, 4, tzinfo=UTC), datetime(2016, 10, 24, tzinfo=UTC)]
)
def test_two_week_report_of_big_google_export_matches_reference(start: datetime) -> None:
    name = "rie-benchmark-google-4778-events.ics"
    end = start + timedelta(weeks=2)
    assert ours(name, start, end) == reference(name, start, end)
