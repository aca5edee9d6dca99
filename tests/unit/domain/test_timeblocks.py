"""Proposed proactive blocks: free working time, spread over the week, up to the target."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.domain.timeblocks import (
    Block,
    WorkingHours,
    periods,
    propose_blocks,
    week_window,
    why_short,
)

MADRID = ZoneInfo("Europe/Madrid")
MONDAY = date(2026, 11, 30)  # ISO week 2026-W49


def at(text: str, tz: ZoneInfo = MADRID) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def spans(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.start.strftime("%a %H:%M"), b.end.strftime("%H:%M")) for b in blocks]


def total(blocks: list[Block]) -> float:
    return sum(b.hours for b in blocks)


def test_nothing_needed_proposes_nothing() -> None:
    assert propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=0) == []
    assert propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=-3) == []


def test_blocks_spread_over_the_mornings_first() -> None:
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=6)
    assert spans(blocks) == [
        ("Mon 09:00", "11:00"),
        ("Tue 09:00", "11:00"),
        ("Wed 09:00", "11:00"),
    ]


def test_afternoons_after_every_morning_is_taken() -> None:
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=12)
    assert spans(blocks)[:2] == [("Mon 09:00", "11:00"), ("Mon 14:00", "16:00")]
    assert ("Tue 14:00", "16:00") not in spans(blocks)
    assert total(blocks) == 12


def test_blocks_keep_out_of_meetings_and_lunch() -> None:
    busy = [(at("2026-11-30 09:30"), at("2026-11-30 10:30"))]
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=busy, hours_needed=2)
    assert spans(blocks) == [("Mon 10:30", "12:30")]
    for block in propose_blocks(monday=MONDAY, tz=MADRID, busy=busy, hours_needed=40):
        assert not (block.start.time() < time(14) and block.end.time() > time(13))
        assert block.end <= block.start.replace(hour=17, minute=0)


def test_a_gap_shorter_than_the_minimum_block_is_not_used() -> None:
    # Monday morning free only 09:00-09:45 and 12:15-13:00.
    busy = [(at("2026-11-30 09:45"), at("2026-11-30 12:15"))]
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=busy, hours_needed=1)
    assert spans(blocks) == [("Tue 09:00", "10:00")]


def test_last_block_asks_only_what_is_missing_but_at_least_an_hour() -> None:
    assert spans(propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=2.6)) == [
        ("Mon 09:00", "11:00"),
        ("Tue 09:00", "10:00"),
    ]
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=3.2)
    assert spans(blocks)[-1] == ("Tue 09:00", "10:15")


def test_days_off_and_weekends_get_no_block() -> None:
    blocks = propose_blocks(
        monday=MONDAY,
        tz=MADRID,
        busy=[],
        hours_needed=40,
        days_off=frozenset({date(2026, 12, 1)}),
    )
    days = {b.start.date() for b in blocks}
    assert date(2026, 12, 1) not in days
    assert all(day.weekday() < 5 for day in days)
    # Four days, two periods each, two hours at most per block.
    assert total(blocks) == 16


def test_a_full_calendar_gets_what_fits() -> None:
    start, end = week_window(MONDAY, MADRID)
    assert propose_blocks(monday=MONDAY, tz=MADRID, busy=[(start, end)], hours_needed=8) == []


def test_working_hours_are_wall_clock_in_the_persons_zone_across_dst() -> None:
    # The week DST ends in Europe (Sunday 2026-10-25) and the week after keep 09:00 local.
    for monday in (date(2026, 10, 19), date(2026, 10, 26)):
        (block,) = propose_blocks(monday=monday, tz=MADRID, busy=[], hours_needed=1)
        assert block.start.astimezone(MADRID).time() == time(9)


def test_other_settings_are_honoured() -> None:
    hours = WorkingHours(
        day_start=time(8), day_end=time(12), lunch=None, max_block=timedelta(minutes=90)
    )
    blocks = propose_blocks(
        monday=MONDAY, tz=ZoneInfo("America/New_York"), busy=[], hours_needed=3, working_hours=hours
    )
    assert spans(blocks) == [("Mon 08:00", "09:30"), ("Tue 08:00", "09:30")]


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        WorkingHours(day_start=time(17), day_end=time(9))
    with pytest.raises(ValueError):
        WorkingHours(min_block=timedelta(hours=3))


def test_periods_are_cut_by_lunch() -> None:
    morning, afternoon = periods(MONDAY, MADRID, WorkingHours())
    assert (morning[0].time(), morning[1].time()) == (time(9), time(13))
    assert (afternoon[0].time(), afternoon[1].time()) == (time(14), time(17))
    assert periods(date(2026, 12, 5), MADRID, WorkingHours()) == []


busy_strategy = st.lists(
    st.tuples(st.integers(0, 7 * 24 * 4 - 1), st.integers(1, 16)).map(
        lambda pair: (
            week_window(MONDAY, MADRID)[0] + timedelta(minutes=15 * pair[0]),
            week_window(MONDAY, MADRID)[0] + timedelta(minutes=15 * (pair[0] + pair[1])),
        )
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(busy=busy_strategy, needed=st.floats(0, 45))
def test_blocks_never_overlap_busy_time_or_each_other(
    busy: list[tuple[datetime, datetime]], needed: float
) -> None:
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=busy, hours_needed=needed)
    hours = WorkingHours()
    taken = list(busy)
    for block in blocks:
        assert hours.min_block <= block.end - block.start <= hours.max_block
        assert all(block.end <= a or block.start >= b for a, b in taken)
        taken.append((block.start, block.end))
    # Never more than the need rounded up to a block of at least the minimum.
    assert total(blocks) < needed + 1 or total(blocks) <= 1


def test_an_empty_week_stops_at_one_block_per_morning_and_afternoon() -> None:
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=24)
    assert total(blocks) == 20.0
    assert why_short(blocks, monday=MONDAY, tz=MADRID) == (
        "at most one block (1–2 h) per morning and afternoon: 20.0 h this week"
    )
    off = frozenset({MONDAY})
    fewer = propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=24, days_off=off)
    assert why_short(fewer, monday=MONDAY, tz=MADRID, days_off=off).endswith(": 16.0 h this week")


def test_a_busy_week_says_how_many_periods_had_too_little_free_time() -> None:
    busy = [
        (at("2026-11-30T09:00"), at("2026-11-30T17:00")),  # Monday: no free hour
        (at("2026-12-01T09:00"), at("2026-12-01T12:00")),  # Tuesday morning: 1 h free
    ]
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=busy, hours_needed=24)
    assert total(blocks) == 15.0
    assert why_short(blocks, monday=MONDAY, tz=MADRID) == (
        "at most one block (1–2 h) per morning and afternoon, and of the 10 mornings and"
        " afternoons of the week 2 have no free hour left, 1 has less than 2 h free"
    )


def test_without_lunch_the_limit_is_one_block_a_day() -> None:
    hours = WorkingHours(lunch=None)
    blocks = propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=24, working_hours=hours)
    assert why_short(blocks, monday=MONDAY, tz=MADRID, working_hours=hours) == (
        "at most one block (1–2 h) per day: 10.0 h this week"
    )
