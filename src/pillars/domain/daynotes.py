"""The daily follow-up and the month check-up that reads it (DOMAIN §1, daily follow-up).

At the end of a day the person notes whether they decided their day and the proactive hours
used; the proactive hours are pre-filled from the entries of that day, counted with the
report's rules (each minute once, overlaps to the higher category). The month check-up puts
the notes of each ISO week of the month beside the hours measured in that week (both cut to
the days of the month).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo

from pillars.domain.records import Category, Classified
from pillars.domain.timeuse import WeekReport, assign_by_precedence
from pillars.domain.window import Window, iso_week_label, midnight


@dataclass(frozen=True)
class DayNote:
    """What the person noted about one day."""

    day: date
    decided: bool
    proactive_hours: float
    text: str = ""


@dataclass(frozen=True)
class CheckupWeek:
    """One ISO week of a month: the notes beside the measured figures."""

    week: str
    notes: tuple[DayNote, ...]
    days_decided: int
    noted_proactive_hours: float
    measured_proactive_hours: float | None  # None when the week has no measurement
    available_hours: float | None

    @property
    def days_noted(self) -> int:
        return len(self.notes)

    @property
    def decided_share(self) -> float | None:
        return self.days_decided / len(self.notes) if self.notes else None


@dataclass(frozen=True)
class Checkup:
    """The month: its weeks, and the totals over the notes written."""

    month: date  # the first day
    weeks: tuple[CheckupWeek, ...]

    @property
    def days_noted(self) -> int:
        return sum(w.days_noted for w in self.weeks)

    @property
    def days_decided(self) -> int:
        return sum(w.days_decided for w in self.weeks)

    @property
    def decided_share(self) -> float | None:
        return self.days_decided / self.days_noted if self.days_noted else None

    @property
    def noted_proactive_hours(self) -> float:
        return sum(w.noted_proactive_hours for w in self.weeks)

    @property
    def measured_proactive_hours(self) -> float:
        return sum(w.measured_proactive_hours or 0.0 for w in self.weeks)


def day_window(day: date, tz: tzinfo) -> Window:
    """[00:00, next 00:00) of `day` in `tz`."""
    return midnight(day, tz), midnight(day + timedelta(days=1), tz)


def month_window(month: date, tz: tzinfo) -> Window:
    """[first of the month 00:00, first of the next month 00:00) in `tz`."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return midnight(first, tz), midnight(following, tz)


def day_proactive_hours(classified: Iterable[Classified], day: date, tz: tzinfo) -> float:
    """Proactive hours of `day`: the counted entries clipped to it, each minute counted once."""
    start, end = (moment.astimezone(UTC) for moment in day_window(day, tz))
    clipped = [
        (max(c.activity.start.astimezone(UTC), start), min(c.activity.end.astimezone(UTC), end))
        + (c.category,)
        for c in classified
        if not c.activity.all_day
        and c.activity.start.astimezone(UTC) < end
        and c.activity.end.astimezone(UTC) > start
    ]
    union, _ = assign_by_precedence(clipped)
    return union[Category.PROACTIVE].total_seconds() / 3600


def month_checkup(month: date, notes: Iterable[DayNote], weeks: Sequence[WeekReport]) -> Checkup:
    """The month's ISO weeks with their notes and the measured weeks (a report over the month)."""
    first, following = month_window(month, UTC)
    days = [first.date() + timedelta(days=i) for i in range((following - first).days)]
    labels = list(dict.fromkeys(iso_week_label(day) for day in days))
    in_month = sorted((n for n in notes if first.date() <= n.day < following.date()), key=_day)
    measured = {w.week: w for w in weeks}
    result = []
    for label in labels:
        week_notes = tuple(n for n in in_month if iso_week_label(n.day) == label)
        report = measured.get(label)
        result.append(
            CheckupWeek(
                week=label,
                notes=week_notes,
                days_decided=sum(1 for n in week_notes if n.decided),
                noted_proactive_hours=sum(n.proactive_hours for n in week_notes),
                measured_proactive_hours=report.hours[Category.PROACTIVE] if report else None,
                available_hours=report.available_hours if report else None,
            )
        )
    return Checkup(first.date(), tuple(result))


def _day(note: DayNote) -> date:
    return note.day
