"""Recurring series: moved, orphan, duplicate and ranged instances, RDATE, broken rules."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from .ics_support import calendar, local, read, warnings

SERIES = """UID:s
DTSTART;TZID=Europe/Berlin:20250303T090000
DTEND;TZID=Europe/Berlin:20250303T100000
RRULE:FREQ=DAILY;COUNT=4
SUMMARY:Standup"""


def test_moved_instance_replaces_its_slot_whatever_the_order() -> None:
    moved = """UID:s
    RECURRENCE-ID;TZID=Europe/Berlin:20250304T090000
    DTSTART;TZID=Europe/Berlin:20250304T150000
    DTEND;TZID=Europe/Berlin:20250304T160000
    SUMMARY:Standup (moved)"""
    for data in (calendar(SERIES, moved), calendar(moved, SERIES)):
        found, _ = read(data)
        assert [local(a) for a in found][:2] == ["2025-03-03 09:00-10:00", "2025-03-04 15:00-16:00"]
        assert len(found) == 4


def test_instance_key_is_uid_and_original_slot_in_utc() -> None:
    found, _ = read(calendar(SERIES))
    assert found[1].source_id == "s#2025-03-04T08:00:00+00:00"


def test_orphan_override_is_a_single_event() -> None:
    data = calendar(
        """UID:o
        RECURRENCE-ID:20250305T100000Z
        DTSTART:20250305T100000Z
        DTEND:20250305T103000Z"""
    )
    found, _ = read(data)
    assert [a.source_id for a in found] == ["o#2025-03-05T10:00:00+00:00"]


def test_duplicate_override_keeps_the_highest_sequence() -> None:
    old = "UID:s\nRECURRENCE-ID;TZID=Europe/Berlin:20250304T090000\nSEQUENCE:1\n"
    old += "DTSTART;TZID=Europe/Berlin:20250304T110000\nDTEND;TZID=Europe/Berlin:20250304T120000"
    new = old.replace("SEQUENCE:1", "SEQUENCE:2").replace("T11", "T13").replace("T12", "T14")
    found, _ = read(calendar(SERIES, new, old, old))
    assert local(found[1]) == "2025-03-04 13:00-14:00" and len(found) == 4


def test_duplicate_masters_collapse_to_the_latest_version() -> None:
    first = "UID:m\nSEQUENCE:0\nDTSTART:20250305T100000Z\nDTEND:20250305T110000Z\nSUMMARY:old"
    second = first.replace("SEQUENCE:0", "SEQUENCE:1").replace("old", "new")
    found, log = read(calendar(first, second, first))
    assert [a.summary for a in found] == ["new"]
    assert warnings(log) == ["3 components share UID m without RECURRENCE-ID; kept one"]


def test_this_and_future_override_moves_later_instances_with_distinct_keys() -> None:
    future = """UID:s
    RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20250305T090000
    DTSTART;TZID=Europe/Berlin:20250305T140000
    DTEND;TZID=Europe/Berlin:20250305T150000"""
    found, _ = read(calendar(SERIES, future))
    assert [local(a)[11:] for a in found] == [
        "09:00-10:00",
        "09:00-10:00",
        "14:00-15:00",
        "14:00-15:00",
    ]
    assert found[3].source_id == "s#2025-03-06T08:00:00+00:00"


def test_rdate_periods_keep_their_own_length() -> None:
    data = calendar(
        """UID:r
        DTSTART:20250303T090000Z
        DTEND:20250303T100000Z
        RDATE;VALUE=PERIOD:20250305T120000Z/PT3H,20250306T120000Z/20250306T130000Z"""
    )
    found, _ = read(data)
    assert [a.minutes for a in found] == [60, 180, 60]


def test_date_and_datetime_mixes_in_until_exdate_and_dtend() -> None:
    data = calendar(
        """UID:x
        DTSTART;TZID=Europe/Berlin:20250303T090000
        DTEND;TZID=Europe/Berlin:20250303T100000
        RRULE:FREQ=DAILY;UNTIL=20250306
        EXDATE;VALUE=DATE:20250304""",
        "UID:y\nDTSTART;TZID=Europe/Berlin:20250310T090000\nDTEND;VALUE=DATE:20250311",
    )
    found, log = read(data)
    # A DATE UNTIL ends the series at that day's start (recurring-ical-events' reading); a DATE
    # EXDATE removes the whole day; a DATE DTEND ends at midnight of the event's zone.
    assert [local(a) for a in found] == [
        "2025-03-03 09:00-10:00",
        "2025-03-05 09:00-10:00",
        "2025-03-10 09:00-00:00",
    ]
    assert warnings(log) == ["DTEND is a DATE but DTSTART a DATE-TIME; read as midnight"]


def test_all_day_series_with_datetime_until_and_exdate() -> None:
    data = calendar(
        "UID:a\nDTSTART;VALUE=DATE:20250303\nRRULE:FREQ=DAILY;UNTIL=20250305T000000Z\n"
        "EXDATE:20250304T000000Z"
    )
    found, _ = read(data)
    assert [(a.all_day, a.start.date().isoformat()) for a in found] == [
        (True, "2025-03-03"),
        (True, "2025-03-05"),
    ]


def test_rrule_with_stray_blanks_and_lower_case_is_repaired() -> None:
    data = calendar(
        "UID:b\nDTSTART:20250303T090000Z\nDURATION:PT1H\nRRULE:freq=weekly; byday=MO, WE ;count=4"
    )
    found, log = read(data)
    assert [a.start.day for a in found] == [3, 5, 10, 12] and not log.warnings


def test_invalid_count_and_until_are_dropped_with_a_warning() -> None:
    data = calendar(
        "UID:c\nDTSTART:20250303T090000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=-2",
        "UID:u\nDTSTART:20250303T100000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;UNTIL=2025-03-10",
        "UID:both\nDTSTART:20250303T110000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=9;UNTIL=20250311T000000Z",
    )
    found, log = read(data)
    assert sum(a.source_id.startswith("c#") for a in found) == 9  # open-ended in the window
    assert sum(a.source_id.startswith("both#") for a in found) == 2
    assert warnings(log) == [
        "invalid RRULE COUNT '-2' ignored; the series is open-ended",
        "invalid RRULE UNTIL '2025-03-10' ignored; the series is open-ended",
        "RRULE has both COUNT and UNTIL; COUNT ignored",
    ]


def test_until_before_dtstart_gives_no_occurrence_and_a_warning() -> None:
    data = calendar(
        "UID:d\nDTSTART:20250303T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;UNTIL=20250301T000000Z"
    )
    found, log = read(data)
    assert found == []
    assert warnings(log) == ["RRULE UNTIL before DTSTART; the series has no occurrences"]


def test_endless_rule_expands_only_over_the_window() -> None:
    data = calendar("UID:e\nDTSTART:19800101T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY")
    window = (datetime(2025, 3, 3, tzinfo=UTC), datetime(2025, 3, 10, tzinfo=UTC))
    found, _ = read(data, window)
    assert len(found) == 7


def test_rule_that_would_hang_is_skipped_and_reported() -> None:
    data = calendar("UID:h\nDTSTART:19900101T000000Z\nDURATION:PT1S\nRRULE:FREQ=SECONDLY")
    began = time.perf_counter()
    found, log = read(data)
    assert found == [] and log.errors[0].record_id == "h"
    assert time.perf_counter() - began < 5


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY"])
def test_a_rule_repeating_too_often_inside_the_window_is_skipped_and_reported(freq: str) -> None:
    """Found by QA: a SECONDLY series starting inside a two-week window filled the memory."""
    endless = f"UID:s\nDTSTART:20250303T000000Z\nDURATION:PT1S\nRRULE:FREQ={freq}"
    meeting = "UID:m\nDTSTART:20250304T090000Z\nDTEND:20250304T100000Z"
    window = (datetime(2025, 3, 3, tzinfo=UTC), datetime(2025, 3, 17, tzinfo=UTC))
    began = time.perf_counter()
    found, log = read(calendar(endless, meeting), window)
    assert [a.source_id for a in found] == ["m"]
    assert log.errors[0].record_id == "s" and "repeats about" in log.errors[0].message
    assert time.perf_counter() - began < 5


def test_an_hourly_series_over_the_window_is_kept() -> None:
    hourly = "UID:h\nDTSTART:20250303T000000Z\nDURATION:PT5M\nRRULE:FREQ=HOURLY"
    window = (datetime(2025, 3, 3, tzinfo=UTC), datetime(2025, 3, 17, tzinfo=UTC))
    found, log = read(calendar(hourly), window)
    assert len(found) == 14 * 24 and not log.errors


def test_newer_version_outside_the_window_read_before_the_old_one_wins() -> None:
    # The newer master (SEQUENCE 2) moved the meeting out of the window and comes first in the
    # file; the first pass drops it, so a second pass must bring it back.
    newer = "UID:v\nSEQUENCE:2\nDTSTART:20250601T100000Z\nDTEND:20250601T110000Z"
    older = "UID:v\nSEQUENCE:1\nDTSTART:20250305T100000Z\nDTEND:20250305T110000Z"
    found, _ = read(calendar(newer, older))
    assert found == []
    moved_again = SERIES.replace("COUNT=4", "COUNT=40")
    late = "UID:s\nRECURRENCE-ID;TZID=Europe/Berlin:20250501T090000\nSEQUENCE:3\n"
    late += "DTSTART;TZID=Europe/Berlin:20250601T090000\nDTEND;TZID=Europe/Berlin:20250601T100000"
    early = late.replace("SEQUENCE:3", "SEQUENCE:1").replace("20250601", "20250304")
    found, _ = read(calendar(late, moved_again, early))
    assert [local(a) for a in found if a.start.day == 4 and a.start.month == 3] == [
        "2025-03-04 09:00-10:00"
    ]
