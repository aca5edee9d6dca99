"""Proposed proactive time blocks for a week (DOMAIN §1, time blocking).

Decisions:
- Blocks go in the free time of the person's working hours (default 09:00-17:00 wall clock
  in their zone, Monday to Friday, lunch 13:00-14:00 kept free). A day is cut by lunch into
  periods (morning, afternoon); each period holds at most one block, so blocks never join
  into one long stretch and there is room for what comes up.
- A block lasts at least `min_block` (60 min) and at most `max_block` (2 h); a free stretch
  shorter than `min_block` is not used. The last block asks only the hours still missing,
  rounded up to a quarter hour, but never less than `min_block`.
- Blocks are spread over the week: one pass takes the mornings Monday to Friday, the next the
  afternoons, so no single day is filled while others stay empty. In a period the longest
  free stretch is used (the earliest among equals), from its start.
- Busy time is every counted entry already in the calendar (any category) and the days an
  all-day absence covers; the hours to reach are the target's for that week minus the
  proactive hours already planned in it (the caller computes both with the report's rules).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from pillars.domain.window import Window, midnight
from pillars.errors import ConfigError

QUARTER = timedelta(minutes=15)


@dataclass(frozen=True)
class WorkingHours:
    """When a person works, in wall-clock time of their own zone."""

    day_start: time = time(9)
    day_end: time = time(17)
    weekdays: frozenset[int] = frozenset(range(5))  # Monday = 0
    lunch: tuple[time, time] | None = (time(13), time(14))
    min_block: timedelta = timedelta(minutes=60)
    max_block: timedelta = timedelta(hours=2)

    def __post_init__(self) -> None:
        if self.day_end <= self.day_start:
            raise ValueError("the working day must end after it starts")
        if not timedelta(0) < self.min_block <= self.max_block:
            raise ValueError("blocks need 0 < min_block <= max_block")
        if self.lunch is not None and self.lunch[1] <= self.lunch[0]:
            raise ValueError("lunch must end after it starts")


@dataclass(frozen=True)
class Block:
    """One proposed block, aware datetimes in the person's zone."""

    start: datetime
    end: datetime

    @property
    def hours(self) -> float:
        return (self.end.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds() / 3600


def week_window(monday: date, tz: tzinfo) -> Window:
    """[Monday 00:00, next Monday 00:00) in `tz`."""
    return midnight(monday, tz), midnight(monday + timedelta(weeks=1), tz)


def periods(day: date, tz: tzinfo, hours: WorkingHours) -> list[Window]:
    """The working periods of one day: the working hours cut by lunch (empty on days off)."""
    if day.weekday() not in hours.weekdays:
        return []
    start = datetime.combine(day, hours.day_start, tzinfo=tz)
    end = datetime.combine(day, hours.day_end, tzinfo=tz)
    if hours.lunch is None:
        return [(start, end)]
    lunch_start = datetime.combine(day, hours.lunch[0], tzinfo=tz)
    lunch_end = datetime.combine(day, hours.lunch[1], tzinfo=tz)
    cut = [(start, min(end, lunch_start)), (max(start, lunch_end), end)]
    return [(a, b) for a, b in cut if _utc(a) < _utc(b)]


def free_stretches(period: Window, busy: Sequence[Window]) -> list[Window]:
    """The parts of `period` no busy interval covers, in order."""
    start, end = _utc(period[0]), _utc(period[1])
    tz = period[0].tzinfo
    cursor = start
    free: list[Window] = []
    for busy_start, busy_end in sorted((_utc(a), _utc(b)) for a, b in busy):
        if busy_end <= cursor or busy_start >= end:
            continue
        if busy_start > cursor:
            free.append((cursor, busy_start))
        cursor = max(cursor, busy_end)
    if cursor < end:
        free.append((cursor, end))
    return [(a.astimezone(tz), b.astimezone(tz)) for a, b in free]


def propose_blocks(
    *,
    monday: date,
    tz: tzinfo,
    busy: Iterable[Window],
    hours_needed: float,
    days_off: frozenset[date] = frozenset(),
    working_hours: WorkingHours = WorkingHours(),
) -> list[Block]:
    """Blocks in the free working time of the week starting `monday` adding up to
    `hours_needed` (or as close as the free time allows), in time order."""
    missing = timedelta(hours=max(0.0, hours_needed))
    if missing <= timedelta(0):
        return []
    taken = [(_utc(a), _utc(b)) for a, b in busy if _utc(b) > _utc(a)]
    days = [monday + timedelta(days=i) for i in range(7)]
    by_day = [periods(day, tz, working_hours) for day in days if day not in days_off]
    blocks: list[Block] = []
    for index in range(max((len(p) for p in by_day), default=0)):
        for day_periods in by_day:
            if missing <= timedelta(0) or index >= len(day_periods):
                continue
            block = _block_in(day_periods[index], taken, missing, working_hours)
            if block is not None:
                blocks.append(block)
                taken.append((_utc(block.start), _utc(block.end)))
                missing -= block.end.astimezone(UTC) - block.start.astimezone(UTC)
    return sorted(blocks, key=lambda b: _utc(b.start))


def why_short(
    blocks: Sequence[Block],
    *,
    monday: date,
    tz: tzinfo,
    days_off: frozenset[date] = frozenset(),
    working_hours: WorkingHours = WorkingHours(),
) -> str:
    """Why `blocks` (propose_blocks' answer) stop short of the hours asked: the one block per
    period the rule allows, and how many periods had too little free time for a full one."""
    hours = working_hours
    days = [monday + timedelta(days=i) for i in range(7)]
    week = [p for day in days if day not in days_off for p in periods(day, tz, hours)]
    longest = [min(hours.max_block, _utc(b) - _utc(a)) for a, b in week]
    taken = [_length_in(period, blocks) for period in week]
    empty = sum(1 for length in taken if not length)
    cut = sum(
        1 for length, most in zip(taken, longest, strict=True) if timedelta(0) < length < most
    )
    each = "morning and afternoon" if hours.lunch else "day"
    rule = f"at most one block ({_h(hours.min_block)}–{_h(hours.max_block)} h) per {each}"
    if not empty and not cut:
        return f"{rule}: {sum(longest, timedelta()) / timedelta(hours=1):.1f} h this week"
    counted = [(empty, "no free hour left"), (cut, f"less than {_h(hours.max_block)} h free")]
    said = ", ".join(f"{n} {'has' if n == 1 else 'have'} {what}" for n, what in counted if n)
    every = "mornings and afternoons" if hours.lunch else "days"
    return f"{rule}, and of the {len(week)} {every} of the week {said}"


def _length_in(period: Window, blocks: Sequence[Block]) -> timedelta:
    start, end = _utc(period[0]), _utc(period[1])
    inside = [b for b in blocks if start <= _utc(b.start) < end]
    return sum((_utc(b.end) - _utc(b.start) for b in inside), timedelta())


def _h(duration: timedelta) -> str:
    """60 min -> '1', 90 min -> '1.5'."""
    return f"{duration / timedelta(hours=1):g}"


def _block_in(
    period: Window, busy: Sequence[Window], missing: timedelta, hours: WorkingHours
) -> Block | None:
    stretches = [
        (a, b) for a, b in free_stretches(period, busy) if _utc(b) - _utc(a) >= hours.min_block
    ]
    if not stretches:
        return None
    start, end = max(stretches, key=lambda s: (_utc(s[1]) - _utc(s[0]), -_utc(s[0]).timestamp()))
    wanted = min(hours.max_block, max(hours.min_block, _round_up(missing)))
    length = min(wanted, _utc(end) - _utc(start))
    return Block(start, (_utc(start) + length).astimezone(start.tzinfo))


def _round_up(duration: timedelta) -> timedelta:
    return QUARTER * math.ceil(duration / QUARTER)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def monday_of_week(label: str) -> date:
    """'2026-W49' -> Monday 2026-11-30. ConfigError on anything else."""
    try:
        year, _, week = label.strip().upper().partition("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise ConfigError(f"week: expected an ISO week like 2026-W49, got {label!r}") from None
