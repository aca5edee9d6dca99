"""When a tabular row happened: start and end in UTC from a layout's timing columns.

Column indexes and cell parsers are bound once per file, so each row costs a few lookups.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from pillars.importers.profiles import Profile, Timing, norm
from pillars.importers.values import (
    CellError,
    DateParser,
    DurationParser,
    When,
    make_date_parser,
    make_duration_parser,
    parse_time,
)

# Cursors for date-only rows are kept per (owner, day); a hostile file with millions of
# distinct days must not grow this without bound, and losing it only moves invented times.
MAX_CURSORS = 50_000
ONE_DAY = timedelta(days=1)
_NO_TIME = timedelta()


class CellProblem(Exception):
    """One cell of a row is unreadable; the row is skipped and reported."""

    def __init__(self, column: str, expected: str, value: str) -> None:
        self.column = column
        self.expected = expected
        self.value = value
        super().__init__(f"column '{column}': expected {expected}, got '{value}'")


Point = tuple[int, str, DateParser]  # column index, header as written, its date parser


class Span(NamedTuple):
    """A resolved row time: UTC instants, or local midnights for all-day rows."""

    start: datetime
    end: datetime
    written: tuple[When | None, When | None, float | None]  # as the row wrote it

    @property
    def key(self) -> str:
        """The times as written, for content hashes (stable whatever the packing did)."""
        start, end, minutes = self.written
        return f"{_iso(start)}|{_iso(end)}|{minutes}"


@dataclass(frozen=True, slots=True)
class _BoundTiming:
    start: tuple[Point, ...]
    date: tuple[Point, ...]
    time: tuple[Point, ...]
    end: tuple[Point, ...]
    end_date: tuple[Point, ...]
    end_time: tuple[Point, ...]
    durations: tuple[tuple[int, str, DurationParser], ...]
    sum_durations: bool


class TimingPlan:
    """Reads a row's start and end according to a layout, bound to one file's header."""

    def __init__(
        self, profile: Profile, header: list[str], orders: dict[int, str], tz: ZoneInfo
    ) -> None:
        index: dict[str, int] = {}
        for i, name in enumerate(header):
            index.setdefault(norm(name), i)
        self.tz = tz
        self.naive_zone = UTC if profile.utc else tz
        self.day_start = parse_time(profile.day_start)
        self.date_parsers: dict[int, DateParser] = {}
        self.bound = [self._bind(t, index, header, orders, profile) for t in profile.timings]
        self.cursors: dict[tuple[str, date], datetime] = {}
        self.dated_only_rows = 0

    def _bind(
        self, timing: Timing, index: dict[str, int], header: list[str],
        orders: dict[int, str], profile: Profile,
    ) -> _BoundTiming:  # fmt: skip
        def points(key: str) -> tuple[Point, ...]:
            found = []
            for column in timing.columns.get(key, ()):
                if norm(column) in index:
                    i = index[norm(column)]
                    order = orders.get(i) or profile.date_order or "mdy"
                    parser = make_date_parser(order)
                    if key not in ("time", "end_time"):  # time columns use parse_time
                        parser = self.date_parsers.setdefault(i, parser)
                    found.append((i, header[i], parser))
            return tuple(found)

        durations = tuple(
            (index[norm(column)], header[index[norm(column)]], make_duration_parser(unit))
            for column, unit in zip(timing.columns.get("duration", ()), timing.units, strict=True)
            if norm(column) in index
        )
        return _BoundTiming(
            points("start"), points("date"), points("time"), points("end"),
            points("end_date"), points("end_time"), durations, timing.sum_durations,
        )  # fmt: skip

    def date_columns(self) -> list[int]:
        """Indexes of the columns read as dates, for deciding their day/month order."""
        return sorted(self.date_parsers)

    def has_any(self) -> bool:
        """Whether the header holds at least one column this layout reads a time from."""
        return any(b.start or b.date or b.end or b.end_date for b in self.bound)

    def resolve(self, row: list[str], all_day: bool, owner: str) -> Span | None:
        """The row's span, or None when it names no date at all (not a time entry)."""
        for bound in self.bound:
            start = _point(row, bound.start) if bound.start else None
            if start is None and bound.date:
                start = _day(row, bound.date, bound.time)
            end = _point(row, bound.end) if bound.end else None
            if end is None and bound.end_date:
                end = _day(row, bound.end_date, bound.end_time)
            if start is None and end is None:
                continue
            minutes = _minutes(row, bound) if bound.durations else None
            if all_day:
                return self._all_day(start or end, end if start else None, minutes)
            span = self._timed(start, end, minutes, owner)
            if span.end < span.start:
                ends = bound.end or bound.end_date
                raise CellProblem(
                    ends[0][1] if ends else "end", "an end after the start", _iso(end)
                )
            return span
        return None

    def _utc(self, value: datetime) -> datetime:
        if value.tzinfo is None:
            if self.naive_zone is UTC:
                return value.replace(tzinfo=UTC)
            value = value.replace(tzinfo=self.naive_zone)
        return value.astimezone(UTC)

    def _timed(
        self, start: When | None, end: When | None, minutes: float | None, owner: str
    ) -> Span:
        written = (start, end, minutes)
        length = _NO_TIME if minutes is None else timedelta(minutes=minutes)
        if isinstance(start, datetime):
            begin = self._utc(start)
            if minutes is not None:
                return Span(begin, begin + length, written)
            return Span(begin, self._utc(end) if isinstance(end, datetime) else begin, written)
        if start is None and isinstance(end, datetime):
            finish = self._utc(end)
            return Span(finish - length, finish, written)
        day = start if start is not None else end
        assert isinstance(day, date)
        begin = self._slot(owner, day, length)
        return Span(begin, begin + length, written)

    def _slot(self, owner: str, day: date, length: timedelta) -> datetime:
        """A place for a row that has a day but no time: after the owner's previous such row."""
        self.dated_only_rows += 1
        begin = self.cursors.get((owner, day))
        if begin is None:
            if len(self.cursors) >= MAX_CURSORS:
                self.cursors.clear()
            begin = datetime.combine(day, self.day_start, tzinfo=self.tz).astimezone(UTC)
        self.cursors[(owner, day)] = begin + length
        return begin

    def _all_day(self, start: When | None, end: When | None, minutes: float | None) -> Span:
        assert start is not None
        first = self._local_day(start)
        last = first + ONE_DAY
        if isinstance(end, datetime) and end.time() != time(0):
            last = self._local_day(end) + ONE_DAY  # a closing time: that day is included
        elif end is not None:
            last = self._local_day(end)  # a bare end day is exclusive, as Outlook writes it
        elif minutes:
            last = first + timedelta(days=math.ceil(minutes / 1440))
        last = max(last, first + ONE_DAY)
        return Span(
            datetime.combine(first, time(0), tzinfo=self.tz),
            datetime.combine(last, time(0), tzinfo=self.tz),
            (start, end, minutes),
        )

    def _local_day(self, value: When) -> date:
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                return value.astimezone(self.tz).date()
            return value.date()
        return value


def _iso(value: When | None) -> str:
    return "" if value is None else value.isoformat()


def _point(row: list[str], points: tuple[Point, ...]) -> When | None:
    for i, column, parse in points:
        text = row[i].strip()
        if text:
            try:
                return parse(text)
            except CellError as exc:
                raise CellProblem(column, exc.expected, text) from None
    return None


def _day(row: list[str], days: tuple[Point, ...], times: tuple[Point, ...]) -> When | None:
    value = _point(row, days)
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    for i, column, _ in times:
        text = row[i].strip()
        if text:
            try:
                return datetime.combine(day, parse_time(text))
            except CellError as exc:
                raise CellProblem(column, exc.expected, text) from None
    return day


def _minutes(row: list[str], bound: _BoundTiming) -> float | None:
    total: float | None = None
    for i, column, parse in bound.durations:
        text = row[i].strip()
        if not text:
            continue
        try:
            minutes = parse(text)
        except CellError as exc:
            raise CellProblem(column, exc.expected, text) from None
        if not bound.sum_durations:
            return minutes
        total = (total or 0.0) + minutes
    return total
