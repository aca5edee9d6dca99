"""Text-level quirks, attendance fields, bad files, and the streaming pre-filter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pillars.domain.attendance import exclusion_reason
from pillars.errors import ImportFileError
from pillars.importers import ics
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

from .ics_support import BERLIN, calendar, errors, read, warnings

MEETING = "UID:m\nDTSTART:20250305T100000Z\nDTEND:20250305T110000Z\nSUMMARY:{summary}"


def test_utf8_bom_is_ignored() -> None:
    found, log = read(b"\xef\xbb\xbf" + calendar(MEETING.format(summary="Réunion")))
    assert [a.summary for a in found] == ["Réunion"] and not log.warnings


def test_windows_1252_text_is_decoded_and_reported() -> None:
    data = calendar(MEETING.format(summary="Réunion – Société")).decode().encode("cp1252")
    found, log = read(data)
    assert found[0].summary == "Réunion – Société"
    assert warnings(log) == ["input is not valid UTF-8; decoded as Windows-1252"]


def test_a_utf8_calendar_with_a_windows_1252_line_reports_that_line_only() -> None:
    first = MEETING.format(summary="Müller").replace("UID:m", "UID:m1")
    second = MEETING.format(summary="Réunion – Société").replace("UID:m", "UID:m2")
    data = calendar(first, second)
    legacy = "SUMMARY:Réunion – Société"
    data = data.replace(legacy.encode(), legacy.encode("cp1252"))
    found, log = read(data)
    assert sorted(a.summary for a in found) == ["Müller", "Réunion – Société"]
    line = data.split(b"\n").index(legacy.encode("cp1252") + b"\r") + 1
    assert [(w.line, w.message) for w in log.warnings] == [
        (line, "not UTF-8: read as Windows-1252")
    ]


def test_utf16_file_is_read() -> None:
    found, _ = read(calendar(MEETING.format(summary="Ünïcode")).decode().encode("utf-16"))
    assert [a.summary for a in found] == ["Ünïcode"]


def test_continuation_line_without_blank_is_glued_and_junk_line_dropped() -> None:
    data = calendar(
        MEETING.format(summary="Site visit")
        + "\nDESCRIPTION:Bring the order form\nand the laptop\nX-BROKEN LINE WITHOUT COLON"
    )
    found, log = read(data)
    assert [a.summary for a in found] == ["Site visit"]
    assert len(log.warnings) == 1 and "X-BROKEN LINE" in log.warnings[0].message


def test_one_malformed_event_is_skipped_and_reported_the_rest_kept() -> None:
    bad = "UID:bad\nDTSTART:2025031T080000Z\nDTEND:20250310T090000Z"
    found, log = read(calendar(MEETING.format(summary="good"), bad))
    assert [a.summary for a in found] == ["good"]
    assert errors(log) == ["invalid DTSTART value '2025031T080000Z'"]
    assert log.errors[0].record_id == "bad" and log.errors[0].line == 10  # its BEGIN:VEVENT


def test_broken_optional_values_are_dropped_with_a_warning() -> None:
    data = calendar(
        "UID:e\nDTSTART:20250303T090000Z\nDTEND:20250303T100000Z\nRRULE:FREQ=DAILY;COUNT=3\n"
        "EXDATE:20250304T090000Z\nEXDATE:2025x"
    )
    found, log = read(data)
    assert [a.start.day for a in found] == [3, 5]
    assert warnings(log) == ["invalid EXDATE value '2025x' ignored"]


def test_script_in_summary_stays_plain_text() -> None:
    summary = "<script>alert('x')</script> & <b>ACME</b>"
    found, _ = read(calendar(MEETING.format(summary=summary)))
    assert found[0].summary == summary


@pytest.mark.parametrize(
    "data",
    [
        b"Subject,Start Date\r\nCall,2025-03-05\r\n",
        b"\x00\x01\x02\xff\xfe garbage",
        b"",
        b"PK\x03\x04",
    ],
)
def test_file_that_is_not_a_calendar_is_rejected(data: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"expected an iCalendar file \(BEGIN:VCALENDAR\)"):
        read_calendar(
            data, ReadOptions((datetime(2025, 1, 1, tzinfo=UTC),) * 2, BERLIN), ReadLog("x")
        )


def test_bare_vevent_is_read_as_a_calendar() -> None:
    data = b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20250305T100000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
    found, _ = read(data)
    assert [a.source_id for a in found] == ["b"]


def test_attendance_fields_and_policy() -> None:
    owner = "owner@example.com"
    base = "DTSTART:20250305T100000Z\nDTEND:20250305T110000Z\n"
    data = calendar(
        f"UID:cancel\n{base}STATUS:CANCELLED",
        f"UID:declined\n{base}ATTENDEE;PARTSTAT=DECLINED:MAILTO:Owner@Example.com",
        f"UID:tentative\n{base}STATUS:TENTATIVE\nATTENDEE;PARTSTAT=TENTATIVE:mailto:owner@example.com",
        f"UID:free\n{base}TRANSP:TRANSPARENT",
        f"UID:oof\n{base}X-MICROSOFT-CDO-BUSYSTATUS:free",
        f"UID:private\n{base}CLASS:CONFIDENTIAL",
    )
    found, _ = read(data, owner=owner)
    by_id = {a.source_id: a for a in found}
    assert {uid: exclusion_reason(a) for uid, a in by_id.items()} == {
        "cancel": "STATUS:CANCELLED",
        "declined": "owner PARTSTAT=DECLINED",
        "tentative": None,
        "free": "free/transparent",
        "oof": "free/transparent",
        "private": None,
    }
    assert by_id["tentative"].status == "tentative" and by_id["tentative"].partstat == "TENTATIVE"
    assert exclusion_reason(by_id["tentative"], count_tentative=False) is not None
    assert by_id["private"].private and not by_id["free"].private


def test_people_and_tags() -> None:
    data = calendar(
        MEETING.format(summary="QBR")
        + "\nORGANIZER;CN=Boss:mailto:Boss@Example.com\nATTENDEE:mailto:boss@example.com"
        + "\nATTENDEE:MAILTO:Buyer@ACME.example\nATTENDEE;CN=Room:invalid:nomail"
        + "\nCATEGORIES:Proactive,Plan\nCATEGORIES:Customer"
    )
    found, _ = read(data)
    activity = found[0]
    assert activity.organizer == "boss@example.com"
    assert activity.attendees == ("buyer@acme.example",)
    assert activity.tags == ("Proactive", "Plan", "Customer")
    assert (activity.kind, activity.source, activity.line) == ("meeting", "ics", 4)


def test_all_day_entries_are_midnights_in_the_person_zone() -> None:
    data = calendar(
        "UID:d\nDTSTART;VALUE=DATE:20250305\nDTEND;VALUE=DATE:20250307\nSUMMARY:Trade fair",
        "UID:o\nDTSTART;TZID=Europe/Berlin:20250310T000000\nDTEND;TZID=Europe/Berlin:20250311T000000\n"
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\nX-MICROSOFT-CDO-BUSYSTATUS:OOF\nSUMMARY:Out of office",
    )
    found, _ = read(data)
    assert [(a.all_day, a.start, a.end - a.start) for a in found] == [
        (True, datetime(2025, 3, 5, tzinfo=BERLIN), timedelta(days=2)),
        (True, datetime(2025, 3, 10, tzinfo=BERLIN), timedelta(days=1)),
    ]
    assert exclusion_reason(found[0]) == "all-day event carries no hours"
    assert exclusion_reason(found[1]) is None  # out of office lowers available hours instead


def test_window_is_half_open_and_zero_length_entries_count_where_they_start() -> None:
    data = calendar(
        "UID:ends\nDTSTART:20250303T090000Z\nDTEND:20250303T100000Z",
        "UID:zero\nDTSTART:20250303T100000Z",
        "UID:starts\nDTSTART:20250303T110000Z\nDTEND:20250303T120000Z",
    )
    window = (datetime(2025, 3, 3, 10, tzinfo=UTC), datetime(2025, 3, 3, 11, tzinfo=UTC))
    found, _ = read(data, window)
    assert [a.source_id for a in found] == ["zero"]


def test_only_events_near_the_window_are_parsed(tmp_path: Path, monkeypatch: Any) -> None:
    events = [
        f"UID:e{n}\nDTSTART:{(datetime(2020, 1, 1) + timedelta(hours=7 * n)):%Y%m%dT%H%M%SZ}\nDURATION:PT1H"
        for n in range(6000)
    ]
    path = tmp_path / "big.ics"
    path.write_bytes(
        calendar(*events, "UID:e5\nRECURRENCE-ID:20200102T110000Z\nDTSTART:20200102T120000Z")
    )
    parsed: list[str] = []
    real = ics.icalendar.Calendar.from_ical
    monkeypatch.setattr(
        ics.icalendar.Calendar, "from_ical", lambda text: parsed.append(text) or real(text)
    )
    window = (datetime(2020, 1, 2, tzinfo=UTC), datetime(2020, 1, 3, tzinfo=UTC))
    found = list(read_calendar(path, ReadOptions(window, BERLIN), ReadLog("big.ics")))
    assert [a.start.hour for a in found] == [4, 12, 18]  # e5 moved by its override
    assert sum(text.count("BEGIN:VEVENT") for text in parsed) < 20
