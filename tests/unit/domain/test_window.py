"""Analysis windows are half-open, whole ISO weeks or inclusive dates, in the person's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from pillars.domain.window import (
    dates_window,
    iso_week_label,
    last_whole_weeks,
    parse_bound,
    parse_window,
    week_segments,
)
from pillars.errors import ConfigError

from .builders import BERLIN, at


def test_last_two_whole_weeks_end_at_this_weeks_monday() -> None:
    start, end = last_whole_weeks(date(2026, 11, 19), 2, BERLIN)  # a Thursday
    assert (start, end) == (at("2026-11-02 00:00"), at("2026-11-16 00:00"))


def test_on_a_monday_the_current_week_is_excluded() -> None:
    _, end = last_whole_weeks(date(2026, 11, 16), 1, BERLIN)
    assert end == at("2026-11-16 00:00")


def test_window_across_dst_keeps_local_midnights() -> None:
    start, end = last_whole_weeks(date(2026, 10, 28), 1, BERLIN)  # DST ends 2026-10-25
    assert (start.utcoffset(), end.utcoffset()) == (timedelta(hours=2), timedelta(hours=1))
    assert start.hour == end.hour == 0


def test_zero_weeks_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="--weeks"):
        last_whole_weeks(date(2026, 11, 19), 0, BERLIN)


def test_inclusive_dates_become_half_open() -> None:
    assert dates_window(date(2026, 11, 9), date(2026, 11, 13), BERLIN) == (
        at("2026-11-09 00:00"),
        at("2026-11-14 00:00"),
    )


def test_to_before_from_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="before --from"):
        dates_window(date(2026, 11, 9), date(2026, 11, 8), BERLIN)


def test_date_time_with_offset_is_used_as_written() -> None:
    bound = parse_bound("2026-11-09T08:00:00+05:30", BERLIN, option="--from", is_end=False)
    assert bound == datetime(2026, 11, 9, 8, tzinfo=timezone(timedelta(hours=5, minutes=30)))


def test_date_time_without_offset_is_read_in_the_persons_zone() -> None:
    assert parse_bound("2026-11-09T08:00", BERLIN, option="--from", is_end=False) == at(
        "2026-11-09 08:00"
    )


def test_to_date_is_inclusive() -> None:
    assert parse_window("2026-11-09", "2026-11-09", BERLIN) == (
        at("2026-11-09 00:00"),
        at("2026-11-10 00:00"),
    )


def test_z_suffix_means_utc() -> None:
    start, _ = parse_window("2026-11-09T00:00:00Z", "2026-11-10", BERLIN)
    assert start.utcoffset() == timedelta(0)


def test_unreadable_bound_names_the_option() -> None:
    with pytest.raises(ConfigError, match="--to: expected a date"):
        parse_window("2026-11-09", "next friday", BERLIN)


def test_empty_window_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="must be after"):
        parse_window("2026-11-09T10:00+01:00", "2026-11-09T09:00+01:00", BERLIN)


def test_iso_week_label_uses_the_iso_year() -> None:
    assert (iso_week_label(date(2026, 11, 12)), iso_week_label(date(2027, 1, 1))) == (
        "2026-W46",
        "2026-W53",
    )


def test_week_segments_are_clipped_to_the_window() -> None:
    segments = list(week_segments(at("2026-11-11 12:00"), at("2026-11-17 00:00"), BERLIN))
    assert segments == [
        ("2026-W46", (at("2026-11-11 12:00"), at("2026-11-16 00:00"))),
        ("2026-W47", (at("2026-11-16 00:00"), at("2026-11-17 00:00"))),
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("0001-01-02", "2026-01-01"),
        ("2026-01-01", "9999-12-31"),
        ("2026-01-01", "9999-12-31T10:00"),
    ],
)
def test_dates_beyond_the_years_read_are_a_config_error_not_an_overflow(
    first: str, last: str
) -> None:
    """Found by QA: --to 9999-12-31 ended in an OverflowError traceback."""
    with pytest.raises(ConfigError, match="outside the years Pillars reads"):
        parse_window(first, last, BERLIN)
