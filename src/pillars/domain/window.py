"""Analysis windows: half-open [start, end) aware datetimes cut in the person's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from pillars.errors import ConfigError

Window = tuple[datetime, datetime]


def midnight(day: date, tz: tzinfo) -> datetime:
    """00:00 of `day` in `tz` (wall clock, so a DST change does not shift it)."""
    return datetime.combine(day, time(0), tzinfo=tz)


def iso_week_label(d: date) -> str:
    """'2026-W46' for any day of that ISO week (the ISO year, not the calendar year)."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def last_whole_weeks(today: date, weeks: int, tz: tzinfo) -> Window:
    """The last `weeks` whole ISO weeks before the one holding `today`, in `tz`."""
    if weeks < 1:
        raise ConfigError(f"--weeks: expected a whole number of at least 1, got {weeks}")
    this_monday = monday_of(today)
    return midnight(this_monday - timedelta(weeks=weeks), tz), midnight(this_monday, tz)


def dates_window(from_date: date, to_date: date, tz: tzinfo) -> Window:
    """Inclusive dates -> [from 00:00, day after `to_date` 00:00) in `tz`."""
    if to_date < from_date:
        raise ConfigError(f"--to ({to_date}) is before --from ({from_date})")
    return midnight(from_date, tz), midnight(to_date + timedelta(days=1), tz)


def parse_bound(value: str, tz: tzinfo, *, option: str, is_end: bool) -> datetime:
    """A `--from`/`--to` value: a date, or an ISO date-time with or without an offset.

    A date in `--to` is inclusive (the window ends at the next midnight); a date-time is used
    as written. Date-times without an offset are read in `tz`.
    """
    text = value.strip()
    try:
        if "T" not in text and " " not in text:
            day = date.fromisoformat(text)
            _check_year(day, option, value)
            return midnight(day + timedelta(days=1) if is_end else day, tz)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"{option}: expected a date like 2026-11-09 or a date-time like "
            f"2026-11-09T08:00:00+01:00, got {value!r}"
        ) from None
    _check_year(moment.date(), option, value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


# Dates read lie in these years: beyond them date arithmetic (a day's slack, a week's end)
# overflows, and no calendar or CRM export holds working time there.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _check_year(day: date, option: str, value: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ConfigError(
            f"{option}: {value!r} is outside the years Pillars reads ({FIRST_YEAR}-{LAST_YEAR})"
        )


def parse_window(from_value: str, to_value: str, tz: tzinfo) -> Window:
    """Both bounds of `--from`/`--to`; ConfigError when the window is empty."""
    start = parse_bound(from_value, tz, option="--from", is_end=False)
    end = parse_bound(to_value, tz, option="--to", is_end=True)
    if end <= start:
        raise ConfigError(f"--to ({to_value}) must be after --from ({from_value})")
    return start, end


def week_segments(start: datetime, end: datetime, tz: tzinfo) -> Iterator[tuple[str, Window]]:
    """Each ISO week (cut at Monday 00:00 in `tz`) touching [start, end), clipped to it."""
    monday = monday_of(start.astimezone(tz).date())
    while True:
        week_start, week_end = midnight(monday, tz), midnight(monday + timedelta(weeks=1), tz)
        if week_start >= end:
            return
        segment = (max(week_start, start), min(week_end, end))
        if segment[0] < segment[1]:
            yield iso_week_label(monday), segment
        monday += timedelta(weeks=1)


def day_fraction_inside(day: date, window: Window, tz: tzinfo) -> float:
    """How much of `day` (its real length in `tz`, 23-25 h) lies inside the window, 0..1."""
    day_start, day_end = midnight(day, tz), midnight(day + timedelta(days=1), tz)
    inside = _seconds(max(day_start, window[0]), min(day_end, window[1]))
    return max(0.0, inside) / _seconds(day_start, day_end)


def _seconds(a: datetime, b: datetime) -> float:
    # Aware datetimes sharing one tzinfo subtract as wall clocks; UTC gives the real duration.
    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds()
