"""The cheap pre-filter never drops an event that could touch the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.importers.ics_scan import (
    RawEvent,
    count_reach,
    may_touch,
    quick_duration,
    quick_instant,
)


def raw(**quick: str) -> RawEvent:
    return RawEvent(
        line=1, lines=[], quick={name.replace("_", "-"): ("", v) for name, v in quick.items()}
    )


def test_quick_values_are_read_without_a_parser() -> None:
    assert quick_instant("20250329T120000Z") == datetime(2025, 3, 29, 12)
    assert quick_instant("20250329") == datetime(2025, 3, 29)
    assert quick_instant("2025091T080000Z") is None
    assert quick_duration("P1W2DT3H") == timedelta(days=9, hours=3)
    assert quick_duration("-PT15M") == -timedelta(minutes=15)


def test_single_event_outside_the_window_is_dropped() -> None:
    event = raw(DTSTART="20200101T100000Z", DTEND="20200101T110000Z")
    assert not may_touch(event, datetime(2025, 1, 1), datetime(2025, 1, 15))
    assert may_touch(event, datetime(2020, 1, 1), datetime(2020, 1, 2))


def test_override_is_kept_when_it_frees_a_slot_in_the_window() -> None:
    event = raw(DTSTART="20250601T100000Z", RECURRENCE_ID="20250106T100000Z")
    assert may_touch(event, datetime(2025, 1, 6), datetime(2025, 1, 13))


def test_unreadable_start_is_kept_so_that_it_gets_reported() -> None:
    assert may_touch(raw(DTSTART="garbage"), datetime(2025, 1, 1), datetime(2025, 1, 2))


def test_until_and_open_rules() -> None:
    low, high = datetime(2025, 1, 1), datetime(2025, 1, 15)
    ended = raw(DTSTART="20200101T100000Z", RRULE="FREQ=DAILY;UNTIL=20201231T000000Z")
    endless = raw(DTSTART="20200101T100000Z", RRULE="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5")
    assert not may_touch(ended, low, high) and may_touch(endless, low, high)


rules = st.builds(
    lambda freq, interval, count, byday: (
        f"FREQ={freq};INTERVAL={interval};COUNT={count}" + (f";BYDAY={byday}" if byday else "")
    ),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.integers(1, 3),
    st.integers(1, 40),
    st.sampled_from(["", "MO", "TU,FR", "SA,SU"]),
)
starts = st.datetimes(datetime(2000, 1, 1), datetime(2010, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)


@settings(max_examples=300, deadline=None)
@given(rule=rules, start=starts, day=st.sampled_from([None, 29, 30, 31]))
def test_count_bound_covers_the_real_last_instance(
    rule: str, start: datetime, day: int | None
) -> None:
    if day is not None:
        start = (
            start.replace(month=1 if day != 29 else 2, day=day)
            if day != 29 or start.year % 4 == 0
            else start
        )
    reach = count_reach(rule, start)
    if reach is not None:
        last = list(rrulestr(rule, dtstart=start))[-1]
        assert last <= start + reach
