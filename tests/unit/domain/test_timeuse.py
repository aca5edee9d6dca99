"""The weekly report: weeks cut in the person's zone, time counted once, available hours."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pillars.domain.records import Category, Classified
from pillars.domain.targets import Target
from pillars.domain.timeuse import WeekReport, person_report, split_counted, week_reports
from pillars.domain.window import dates_window

from .builders import BERLIN, activity, at, entry

P, R, INT, U = Category.PROACTIVE, Category.REACTIVE, Category.INTERNAL, Category.UNLOGGED
WEEK_46 = dates_window(date(2026, 11, 9), date(2026, 11, 15), BERLIN)


def only_week(*entries: Classified, **options: Any) -> WeekReport:
    (week,) = week_reports(entries, tz=BERLIN, window=WEEK_46, **options)
    return week


def test_overlap_is_counted_once_under_the_higher_category() -> None:
    week = only_week(
        entry("2026-11-09 10:00", "2026-11-09 11:00", INT),
        entry("2026-11-09 10:30", "2026-11-09 11:30", P),
    )
    assert (week.hours[P], week.hours[INT], week.merged_minutes) == (1.0, 0.5, 30)


def test_reactive_beats_internal_in_an_overlap() -> None:
    week = only_week(
        entry("2026-11-09 10:00", "2026-11-09 12:00", INT),
        entry("2026-11-09 11:00", "2026-11-09 11:30", R),
    )
    assert (week.hours[R], week.hours[INT]) == (0.5, 1.5)


def test_unlogged_fills_the_available_hours_and_shares_sum_to_one() -> None:
    week = only_week(entry("2026-11-09 09:00", "2026-11-09 19:00", P))
    assert (week.available_hours, week.hours[U], week.shares[P], week.shares[U]) == (
        40.0,
        30.0,
        0.25,
        0.75,
    )


def test_overtime_shares_are_of_logged_hours_and_sum_to_one() -> None:
    days = ["09", "10", "11", "12", "13"]
    week = only_week(
        *[entry(f"2026-11-{d} 08:00", f"2026-11-{d} 14:00", P) for d in days],
        *[entry(f"2026-11-{d} 14:00", f"2026-11-{d} 18:00", INT) for d in days],
    )
    assert (week.hours[U], week.shares[P], week.shares[INT]) == (0.0, 0.6, 0.4)
    assert sum(week.shares.values()) == pytest.approx(1.0)


def test_entry_crossing_midnight_counts_whole_in_its_week() -> None:
    week = only_week(entry("2026-11-10 23:00", "2026-11-11 01:00", INT))
    assert week.hours[INT] == 2.0


def test_entry_crossing_the_week_boundary_is_split() -> None:
    window = dates_window(date(2026, 11, 9), date(2026, 11, 22), BERLIN)
    weeks = week_reports(
        [entry("2026-11-15 23:00", "2026-11-16 01:30", P)], tz=BERLIN, window=window
    )
    assert [(w.week, w.hours[P]) for w in weeks] == [("2026-W46", 1.0), ("2026-W47", 1.5)]


def test_only_the_part_inside_the_window_counts() -> None:
    week = only_week(entry("2026-11-08 22:00", "2026-11-09 02:00", R))
    assert week.hours[R] == 2.0


def test_weeks_are_cut_at_local_midnight_not_utc() -> None:
    # Monday 00:30 in Berlin is Sunday 23:30 UTC: it belongs to the Monday's week.
    window = dates_window(date(2026, 11, 2), date(2026, 11, 15), BERLIN)
    weeks = week_reports(
        [entry("2026-11-09 00:00", "2026-11-09 00:30", P)], tz=BERLIN, window=window
    )
    assert [(w.week, w.hours[P]) for w in weeks] == [("2026-W45", 0.0), ("2026-W46", 0.5)]


def test_week_holding_the_dst_change_counts_real_hours() -> None:
    # 2026-10-25 01:00 CEST -> 04:00 CET is four real hours (the 02:00-03:00 hour repeats).
    window = dates_window(date(2026, 10, 19), date(2026, 11, 1), BERLIN)
    weeks = week_reports(
        [
            entry("2026-10-25 01:00", "2026-10-25 04:00", INT),
            entry("2026-10-25 23:30", "2026-10-26 00:30", P),
        ],
        tz=BERLIN,
        window=window,
    )
    assert [(w.week, w.hours[INT], w.hours[P]) for w in weeks] == [
        ("2026-W43", 4.0, 0.5),
        ("2026-W44", 0.0, 0.5),
    ]
    assert [w.available_hours for w in weeks] == [40.0, 40.0]


def test_out_of_office_weekdays_reduce_available_hours() -> None:
    vacation = activity(
        "Vacation", all_day=True, start=at("2026-11-09 00:00"), end=at("2026-11-12 00:00")
    )
    week = only_week(out_of_office=[vacation])
    assert (week.available_hours, week.out_of_office_days, week.hours[U]) == (16.0, 3.0, 16.0)


def test_out_of_office_on_a_weekend_changes_nothing() -> None:
    weekend = activity(
        "OOO", all_day=True, start=at("2026-11-14 00:00"), end=at("2026-11-16 00:00")
    )
    assert only_week(out_of_office=[weekend]).available_hours == 40.0


def test_overlapping_absences_reduce_a_day_once() -> None:
    a = activity("Holiday", all_day=True, start=at("2026-11-09 00:00"), end=at("2026-11-10 00:00"))
    b = activity("OOO", all_day=True, start=at("2026-11-09 00:00"), end=at("2026-11-11 00:00"))
    assert only_week(out_of_office=[a, b]).available_hours == 24.0


def test_out_of_office_uses_the_persons_weekly_hours() -> None:
    day = activity("PTO", all_day=True, start=at("2026-11-10 00:00"), end=at("2026-11-11 00:00"))
    assert only_week(out_of_office=[day], hours_per_week=35).available_hours == 28.0


def test_partial_week_window_has_its_weekdays_hours() -> None:
    window = dates_window(date(2026, 11, 11), date(2026, 11, 15), BERLIN)
    (week,) = week_reports([], tz=BERLIN, window=window)
    assert week.available_hours == 24.0


def test_all_day_entries_carry_no_hours() -> None:
    fair = activity(
        "Trade fair", all_day=True, start=at("2026-11-10 00:00"), end=at("2026-11-11 00:00")
    )
    assert only_week(Classified(fair, P, "test")).hours[P] == 0.0


def test_share_target_is_met_at_the_share() -> None:
    week = only_week(entry("2026-11-09 08:00", "2026-11-10 00:00", P), target=Target("share", 0.4))
    assert week.target is not None
    assert (week.target.proactive_share, week.target.target_hours, week.target.met) == (
        0.4,
        16.0,
        True,
    )


def test_share_target_is_missed_below_the_share() -> None:
    week = only_week(entry("2026-11-09 08:00", "2026-11-09 20:00", P), target=Target("share", 0.4))
    assert week.target is not None and week.target.met is False


def test_hours_target_shrinks_with_out_of_office() -> None:
    off = activity(
        "Vacation", all_day=True, start=at("2026-11-09 00:00"), end=at("2026-11-12 00:00")
    )
    week = only_week(
        entry("2026-11-12 08:00", "2026-11-12 15:00", P),
        out_of_office=[off],
        target=Target("hours", 16),
    )
    assert week.target is not None
    assert (week.target.target_hours, week.target.met) == (pytest.approx(6.4), True)


def test_target_is_not_judged_in_a_week_fully_out_of_office() -> None:
    off = activity(
        "Vacation", all_day=True, start=at("2026-11-09 00:00"), end=at("2026-11-14 00:00")
    )
    week = only_week(out_of_office=[off], target=Target("share", 0.4))
    assert week.target is not None and week.target.met is None


def test_person_report_totals_add_the_weeks() -> None:
    window = dates_window(date(2026, 11, 9), date(2026, 11, 22), BERLIN)
    report = person_report(
        "ana@acme.example",
        [
            entry("2026-11-10 09:00", "2026-11-10 17:00", P),
            entry("2026-11-17 09:00", "2026-11-17 17:00", R),
        ],
        tz=BERLIN,
        window=window,
        target=Target("hours", 16),
    )
    total = report.total
    assert (total.week, total.available_hours, total.hours[P], total.hours[R]) == (
        "total",
        80.0,
        8.0,
        8.0,
    )
    assert total.target is not None and total.target.target_hours == 32.0


def test_split_counted_keeps_reasons_and_absences() -> None:
    timed = activity("Call")
    cancelled = activity("Old", status="cancelled")
    declined = activity("No", partstat="DECLINED")
    free = activity("Focus", transparent=True)
    fair = activity("Fair", all_day=True)
    vacation = activity("Vacaciones", all_day=True)
    counted, excluded, absent = split_counted([timed, cancelled, declined, free, fair, vacation])
    assert counted == [timed]
    assert [reason for _, reason in excluded] == [
        "STATUS:CANCELLED",
        "owner PARTSTAT=DECLINED",
        "free/transparent",
        "all-day event carries no hours",
    ]
    assert absent == [vacation]


def test_tentative_can_be_left_out() -> None:
    _, excluded, _ = split_counted([activity("Maybe", partstat="TENTATIVE")], count_tentative=False)
    assert [reason for _, reason in excluded] == ["owner PARTSTAT=TENTATIVE"]
