"""Cell parsers: dates by column order, times, numbers with decimal commas, durations per unit."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pillars.importers.values import (
    DMY,
    MDY,
    CellError,
    decide_order,
    make_date_parser,
    make_duration_parser,
    parse_number,
    parse_time,
)


def test_one_day_over_twelve_proves_day_first_for_the_whole_column() -> None:
    column = ["03/10/2024", "10/03/2024", "13/10/2024", "2024-10-14", "14.10.2024"]
    assert decide_order(column) == (DMY, False)


def test_one_month_day_over_twelve_proves_month_first() -> None:
    assert decide_order(["10/1/2024", "10/13/2024 9:00 AM"]) == (MDY, False)


def test_ambiguous_column_decides_nothing() -> None:
    assert decide_order(["03/10/2024", "2024-10-14", ""]) == (None, False)


def test_contradicting_column_is_flagged_and_follows_the_majority() -> None:
    assert decide_order(["13/10/2024", "14/10/2024", "10/13/2024"]) == (DMY, True)


@pytest.mark.parametrize(
    ("order", "text", "expected"),
    [
        (DMY, "03/10/2024", date(2024, 10, 3)),
        (MDY, "03/10/2024", date(2024, 3, 10)),
        (DMY, "14.10.2024", date(2024, 10, 14)),
        (MDY, "2024-10-14", date(2024, 10, 14)),
        (MDY, "05/12/20", date(2020, 5, 12)),
        (MDY, "10/9/2024 2:30 PM", datetime(2024, 10, 9, 14, 30)),
        (DMY, "09/10/2024 14:30:15", datetime(2024, 10, 9, 14, 30, 15)),
        (MDY, "2024-10-01 09:12", datetime(2024, 10, 1, 9, 12)),
        (MDY, "2024-10-01T09:12:44.000Z", datetime(2024, 10, 1, 9, 12, 44, tzinfo=UTC)),
    ],
)
def test_dates_parse_in_the_column_order(order: str, text: str, expected: object) -> None:
    assert make_date_parser(order)(text) == expected


@pytest.mark.parametrize("text", ["13/13/2024", "yesterday", "2024-13-01", "1/2"])
def test_impossible_dates_say_what_was_expected(text: str) -> None:
    with pytest.raises(CellError, match="a date"):
        make_date_parser(DMY)(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("9:30 AM", time(9, 30)),
        ("12:15 AM", time(0, 15)),
        ("12:00:00 PM", time(12, 0)),
        ("2:30 p. m.", time(14, 30)),
        ("10:00:00 a.m.", time(10, 0)),
    ],
)
def test_times_read_24_hour_and_am_pm_forms(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "13:00 PM", "noon"])
def test_impossible_times_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,5", 1.5), ("1.5", 1.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1,234,567", 1234567)],
)
def test_numbers_accept_decimal_commas(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("unit", "text", "minutes"),
    [
        ("ms", "540000", 9),
        ("seconds", "1800", 30),
        ("minutes", "90", 90),
        ("hours", "0,75", 45),
        ("hours", "1.5", 90),
        ("hh:mm", "01:30", 90),
        ("mm:ss", "05:30", 5.5),
        ("mm:ss", "1:05:00", 65),
        ("auto", "1:30", 90),
        ("auto", "90", 90),
        ("auto", "1,5 h", 90),
        ("auto", "01:30:00", 90),
        ("auto", "45 min", 45),
        ("auto", "1h30", 90),
        ("auto", "1 h 30 min", 90),
        ("auto", "2 horas", 120),
    ],
)
def test_durations_convert_each_unit_to_minutes(unit: str, text: str, minutes: float) -> None:
    assert make_duration_parser(unit)(text) == pytest.approx(minutes)


def test_a_strict_minutes_column_refuses_1h30() -> None:
    with pytest.raises(CellError) as caught:
        make_duration_parser("minutes")("1h30")
    assert caught.value.expected == "minutes"


@pytest.mark.parametrize("text", ["-5", "nan", "inf", "99999999", "soon"])
def test_negative_endless_or_absurd_durations_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        make_duration_parser("auto")(text)


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_hh_mm_and_auto_agree_on_every_clock_duration(hours: int, minutes: int) -> None:
    text = f"{hours:02d}:{minutes:02d}"
    expected = hours * 60 + minutes
    assert make_duration_parser("hh:mm")(text) == expected
    assert make_duration_parser("auto")(text) == expected


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)))
def test_day_first_and_month_first_writings_read_back_the_same_moment(moment: datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    day_first = moment.strftime("%d/%m/%Y %H:%M")
    month_first = moment.strftime("%m/%d/%Y %I:%M %p")
    assert make_date_parser(DMY)(day_first) == moment
    assert make_date_parser(MDY)(month_first) == moment
    assert make_date_parser(MDY)(moment.isoformat(" ")) == moment


def test_durations_never_exceed_a_month() -> None:
    with pytest.raises(CellError):
        make_duration_parser("hours")(str(24 * 32))
    assert make_duration_parser("hours")("24") == timedelta(days=1).total_seconds() / 60
