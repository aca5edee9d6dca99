"""Damaged input never crashes the importer: it skips or repairs, and says what it did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

from .ics_support import calendar, read, warnings

CASES = sorted((Path(__file__).parents[2] / "fixtures" / "ics" / "cases").glob("*.ics"))


def test_repeated_single_value_property_keeps_the_first() -> None:
    data = calendar(
        "UID:r\nDTSTART:20250305T100000Z\nDTSTART:20250306T100000Z\nDTEND:20250305T110000Z"
    )
    found, log = read(data)
    assert [a.start.day for a in found] == [5]
    assert warnings(log) == ["DTSTART given twice; the first one kept"]


def test_dtend_wins_over_duration() -> None:
    data = calendar("UID:d\nDTSTART:20250305T100000Z\nDTEND:20250305T110000Z\nDURATION:PT3H")
    found, log = read(data)
    assert found[0].minutes == 60
    assert warnings(log) == ["both DTEND and DURATION; DURATION ignored"]


def test_a_negative_duration_is_read_backwards_and_said() -> None:
    """Found by QA: DURATION:-PT1H became an hour before DTSTART with no word, while a DTEND
    before DTSTART warned."""
    for duration in ("DURATION:-PT1H", "DURATION: -PT1H"):  # a stray space: one warning too
        found, log = read(calendar(f"UID:n\nDTSTART:20250305T100000Z\n{duration}"))
        assert [(a.start.hour, a.end.hour) for a in found] == [(9, 10)]
        assert warnings(log) == ["negative DURATION; the entry is read as ending at DTSTART"]


def test_event_cut_off_by_the_end_of_the_file_keeps_its_lines() -> None:
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:t\r\nDTSTART:20250305T100000Z\r\nDURATION:PT1H"
    found, _ = read(data)
    assert [(a.source_id, a.minutes) for a in found] == [("t", 60)]


def test_time_value_where_a_date_time_belongs_is_dropped() -> None:
    data = calendar("UID:t\nDTSTART:20250305T100000Z\nDTEND;VALUE=TIME:110000")
    found, log = read(data)
    assert found[0].minutes == 0 and "invalid DTEND" in warnings(log)[0]


mutations = st.lists(
    st.tuples(
        st.sampled_from(["drop", "copy", "flip", "cut"]),
        st.integers(0, 10_000),
        st.integers(0, 255),
    ),
    min_size=1,
    max_size=4,
)


def mutate(data: bytes, steps: list[tuple[str, int, int]]) -> bytes:
    lines = data.split(b"\n")
    for action, where, byte in steps:
        if not lines:
            break
        index = where % len(lines)
        line = lines[index]
        if action == "drop":
            del lines[index]
        elif action == "copy":
            lines.insert(index, lines[byte % len(lines)])
        elif action == "flip" and line:
            lines[index] = line[: byte % len(line)] + bytes([byte]) + line[byte % len(line) + 1 :]
        else:
            lines[index] = line[: byte % (len(line) + 1)]
    return b"\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(case=st.sampled_from(CASES), steps=mutations, year=st.sampled_from([2010, 2025]))
def test_damaged_calendar_never_crashes(
    case: Path, steps: list[tuple[str, int, int]], year: int
) -> None:
    data = mutate(case.read_bytes(), steps)
    start = datetime(year, 1, 1, tzinfo=UTC)
    options = ReadOptions(
        (start, start + timedelta(days=400)), ZoneInfo("Europe/Berlin"), "owner@example.com"
    )
    try:
        found = list(read_calendar(data, options, ReadLog(case.name)))
    except ImportFileError:
        return
    assert all(a.start <= a.end for a in found)


def test_an_event_nested_in_another_without_dtstart_does_not_crash() -> None:
    """Damaged nesting: a VEVENT with no DTSTART inside another is not an entry."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from pillars.importers.base import ReadLog, ReadOptions
    from pillars.importers.ics import read_calendar

    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:outer\r\nDTSTART:20250102T090000\r\nDTEND:20250102T100000\r\n"
        b"BEGIN:VEVENT\r\nUID:inner\r\nSUMMARY:no start\r\nEND:VEVENT\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    tz = ZoneInfo("Europe/Madrid")
    window = (datetime(2025, 1, 1, tzinfo=tz), datetime(2025, 1, 8, tzinfo=tz))
    found = list(read_calendar(data, ReadOptions(window=window, tz=tz), ReadLog("x.ics")))
    assert all(activity.source_id != "inner" for activity in found)


def test_a_cut_off_file_is_read_and_says_it_was_cut() -> None:
    """Found by QA: a calendar without its last END lines was read without a word."""
    whole = calendar(
        "UID:a\nDTSTART:20250303T090000Z\nDTEND:20250303T100000Z",
        "UID:b\nDTSTART:20250304T090000Z\nDTEND:20250304T100000Z\nSUMMARY:cut",
    )
    cut = whole[: whole.rindex(b"END:VEVENT")]
    found, log = read(cut)
    assert [a.source_id for a in found] == ["a", "b"]
    assert warnings(log) == [
        "the file ends inside this event (no END:VEVENT)",
        "the file ends without END:VCALENDAR: it may have been cut short",
    ]
    assert not warnings(read(whole)[1])
