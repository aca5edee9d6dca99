"""The day's proactive hours for the daily note, and the month check-up."""

from __future__ import annotations

from datetime import date

from pillars.domain.daynotes import DayNote, day_proactive_hours, month_checkup, month_window
from pillars.domain.records import Category
from pillars.domain.timeuse import week_reports

from .builders import MADRID, entry


def test_day_proactive_hours_count_overlaps_once() -> None:
    entries = [
        entry("2026-11-09 09:00", "2026-11-09 11:00", Category.PROACTIVE, MADRID),
        entry("2026-11-09 10:00", "2026-11-09 12:00", Category.PROACTIVE, MADRID),
        entry("2026-11-09 11:30", "2026-11-09 12:30", Category.REACTIVE, MADRID),
        entry("2026-11-10 09:00", "2026-11-10 10:00", Category.PROACTIVE, MADRID),
    ]
    assert day_proactive_hours(entries, date(2026, 11, 9), MADRID) == 3.0


def test_day_proactive_hours_clip_an_entry_crossing_midnight() -> None:
    entries = [entry("2026-11-09 23:00", "2026-11-10 01:00", Category.PROACTIVE, MADRID)]
    assert day_proactive_hours(entries, date(2026, 11, 10), MADRID) == 1.0


def test_month_checkup_puts_notes_beside_the_measured_weeks() -> None:
    notes = [
        DayNote(date(2026, 11, 2), True, 3.0, "calls"),
        DayNote(date(2026, 11, 3), False, 1.0),
        DayNote(date(2026, 11, 30), True, 2.0),
        DayNote(date(2026, 12, 1), True, 5.0),  # next month: left out
    ]
    entries = [entry("2026-11-02 09:00", "2026-11-02 12:00", Category.PROACTIVE, MADRID)]
    weeks = week_reports(entries, tz=MADRID, window=month_window(date(2026, 11, 1), MADRID))
    checkup = month_checkup(date(2026, 11, 14), notes, weeks)
    assert [w.week for w in checkup.weeks] == [
        "2026-W44",
        "2026-W45",
        "2026-W46",
        "2026-W47",
        "2026-W48",
        "2026-W49",
    ]
    w45 = checkup.weeks[1]
    assert (w45.days_noted, w45.days_decided, w45.decided_share) == (2, 1, 0.5)
    assert (w45.noted_proactive_hours, w45.measured_proactive_hours) == (4.0, 3.0)
    assert checkup.weeks[0].decided_share is None
    assert checkup.days_noted == 3
    assert checkup.decided_share == 2 / 3
    assert checkup.noted_proactive_hours == 6.0
    assert checkup.measured_proactive_hours == 3.0
