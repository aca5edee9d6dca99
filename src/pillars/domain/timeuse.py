"""The weekly time report: proactive, reactive, internal and unlogged hours per ISO week.

Decisions (DOMAIN §1):
- Weeks are cut at Monday 00:00 in the person's zone; only the part of an entry inside the
  window counts, and an entry crossing a week boundary is split between the weeks.
- Time is counted once: the union of entries; an overlapped minute goes to the category of
  higher precedence (proactive > reactive > internal). merged = sum of durations - union.
- Available hours: hours_per_week / 5 for each weekday (Mon-Fri) inside the window, less the
  weekdays an all-day out-of-office entry covers. A partial day counts by its fraction.
- unlogged = max(0, available - logged).
- Shares are of max(available, logged): the week's real total. With overtime the four shares
  still sum to 100% (unlogged is 0) instead of passing it; a proactive share then measures
  focus, not the hours done, and the target's `met` for a share target follows the share.
- A week with no available hours (all out of office) has `met = None`: nothing to judge.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal

from pillars.domain.attendance import exclusion_reason, is_out_of_office
from pillars.domain.records import LOGGED, PRECEDENCE, Activity, Category, Classified
from pillars.domain.targets import DEFAULT_HOURS_PER_WEEK, Target, TargetKind
from pillars.domain.window import Window, day_fraction_inside, midnight, week_segments

REPORT_CATEGORIES: tuple[Category, ...] = (*LOGGED, Category.UNLOGGED)
TOTAL_LABEL = "total"
_EPSILON = 1e-9

Interval = tuple[datetime, datetime, Category]


@dataclass(frozen=True)
class TargetResult:
    """The proactive figures of a week against the target."""

    kind: TargetKind
    value: float
    target_hours: float
    proactive_hours: float
    proactive_share: float
    met: bool | None


@dataclass(frozen=True)
class WeekReport:
    """One ISO week (or the window's total, week 'total') of one person."""

    week: str
    start: datetime
    end: datetime
    available_hours: float
    hours: Mapping[Category, float]  # proactive, reactive, internal, unlogged
    shares: Mapping[Category, float]  # fractions of max(available, logged)
    merged_minutes: float
    out_of_office_days: float
    target: TargetResult | None

    @property
    def logged_hours(self) -> float:
        return sum(self.hours[c] for c in LOGGED)

    @property
    def has_entries(self) -> bool:
        """Whether anything was logged or an absence recorded: a week (or window) without
        either is one no export covered, not one of unlogged work."""
        return self.logged_hours > 0 or self.out_of_office_days > 0


@dataclass(frozen=True)
class PersonReport:
    person: str
    weeks: tuple[WeekReport, ...]
    total: WeekReport


def split_counted(
    activities: Iterable[Activity], *, count_tentative: bool = True
) -> tuple[list[Activity], list[tuple[Activity, str]], list[Activity]]:
    """(counted, excluded with the reason, all-day out-of-office entries)."""
    counted: list[Activity] = []
    excluded: list[tuple[Activity, str]] = []
    out_of_office: list[Activity] = []
    for activity in activities:
        reason = exclusion_reason(activity, count_tentative=count_tentative)
        if reason is not None:
            excluded.append((activity, reason))
        elif is_out_of_office(activity):
            out_of_office.append(activity)
        else:
            counted.append(activity)
    return counted, excluded, out_of_office


def assign_by_precedence(
    intervals: Iterable[Interval],
) -> tuple[dict[Category, timedelta], timedelta]:
    """The union of the intervals per category (overlaps to the higher one) and their sum."""
    events: list[tuple[datetime, int, Category]] = []
    total = timedelta()
    for start, end, category in intervals:
        if category not in PRECEDENCE:
            raise ValueError(f"cannot count time as {category!r}")
        if end > start:
            total += end - start
            events += [(start.astimezone(UTC), 1, category), (end.astimezone(UTC), -1, category)]
    events.sort(key=lambda event: event[0])
    union = {category: timedelta() for category in PRECEDENCE}
    active: Counter[Category] = Counter()
    previous: datetime | None = None
    for moment, delta, category in events:
        if previous is not None and moment > previous:
            top = next((c for c in PRECEDENCE if active[c] > 0), None)
            if top is not None:
                union[top] += moment - previous
        active[category] += delta
        previous = moment
    return union, total


def out_of_office_dates(entries: Iterable[Activity]) -> frozenset[date]:
    """The days all-day absences cover (end exclusive). Timed entries are ignored."""
    days: set[date] = set()
    for entry in entries:
        if not entry.all_day:
            continue
        day = entry.start.date()
        last = max(entry.end.date(), day + timedelta(days=1))
        while day < last:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


def available_hours(
    segment: Window, tz: tzinfo, hours_per_week: float, days_off: frozenset[date]
) -> tuple[float, float]:
    """(available hours, weekdays out of office) of a window segment."""
    per_day = hours_per_week / 5
    available = off = 0.0
    day = segment[0].astimezone(tz).date()
    while midnight(day, tz) < segment[1]:
        if day.weekday() < 5:
            fraction = day_fraction_inside(day, segment, tz)
            if day in days_off:
                off += fraction
            else:
                available += fraction * per_day
        day += timedelta(days=1)
    return available, off


@dataclass(frozen=True)
class WeekFigures:
    """A week's measured figures before any target is judged: what pages may remember."""

    week: str
    segment: Window
    available_hours: float
    hours: Mapping[Category, float]  # logged: proactive, reactive, internal
    merged_minutes: float
    out_of_office_days: float


def week_figures(
    classified: Iterable[Classified],
    *,
    tz: tzinfo,
    window: Window,
    hours_per_week: float | Decimal = DEFAULT_HOURS_PER_WEEK,
    out_of_office: Iterable[Activity] = (),
) -> list[WeekFigures]:
    """The figures of each ISO week touching the window. All-day entries carry no hours.

    A week's figures depend only on the entries touching it: computed over any run of the
    window's weeks they are the same as over the whole window.
    """
    weekly = float(hours_per_week)
    intervals = [
        (c.activity.start.astimezone(UTC), c.activity.end.astimezone(UTC), c.category)
        for c in classified
        if not c.activity.all_day
    ]
    days_off = out_of_office_dates(out_of_office)
    segments = list(week_segments(window[0], window[1], tz))
    figures = []
    for (label, segment), clipped in zip(
        segments, _clip_to_weeks(intervals, segments), strict=True
    ):
        union, total = assign_by_precedence(clipped)
        available, off = available_hours(segment, tz, weekly, days_off)
        merged = (total - sum(union.values(), timedelta())).total_seconds() / 60
        hours = {c: union[c].total_seconds() / 3600 for c in LOGGED}
        figures.append(WeekFigures(label, segment, available, hours, merged, off))
    return figures


def week_report(
    figures: WeekFigures, target: Target | None, hours_per_week: float | Decimal
) -> WeekReport:
    """A week's report from its figures: unlogged, shares and the target judged."""
    return summarise(
        figures.week,
        figures.segment,
        figures.available_hours,
        figures.hours,
        figures.merged_minutes,
        figures.out_of_office_days,
        target,
        float(hours_per_week),
    )


def week_reports(
    classified: Iterable[Classified],
    *,
    tz: tzinfo,
    window: Window,
    hours_per_week: float | Decimal = DEFAULT_HOURS_PER_WEEK,
    out_of_office: Iterable[Activity] = (),
    target: Target | None = None,
) -> list[WeekReport]:
    """One WeekReport per ISO week touching the window. All-day entries carry no hours."""
    figures = week_figures(
        classified,
        tz=tz,
        window=window,
        hours_per_week=hours_per_week,
        out_of_office=out_of_office,
    )
    return [week_report(week, target, hours_per_week) for week in figures]


def _clip_to_weeks(
    intervals: Sequence[Interval], segments: Sequence[tuple[str, Window]]
) -> list[list[Interval]]:
    """Each week's intervals, clipped to it, in their given order: an interval is looked at
    only for the weeks it can touch (the segments are consecutive), not for every week."""
    starts = [segment[0].astimezone(UTC) for _, segment in segments]
    weeks: list[list[Interval]] = [[] for _ in segments]
    for start, end, category in intervals:
        index = max(bisect_right(starts, start) - 1, 0)
        while index < len(segments) and starts[index] < end:
            low, high = segments[index][1]
            if start < high and end > low:
                weeks[index].append((max(start, low), min(end, high), category))
            index += 1
    return weeks


def person_report(
    person: str,
    classified: Iterable[Classified],
    *,
    tz: tzinfo,
    window: Window,
    hours_per_week: float | Decimal = DEFAULT_HOURS_PER_WEEK,
    out_of_office: Iterable[Activity] = (),
    target: Target | None = None,
) -> PersonReport:
    """The person's weeks and the window's total (week 'total')."""
    weeks = week_reports(
        classified,
        tz=tz,
        window=window,
        hours_per_week=hours_per_week,
        out_of_office=out_of_office,
        target=target,
    )
    return report_of_weeks(person, weeks, window, target, hours_per_week)


def report_of_weeks(
    person: str,
    weeks: Sequence[WeekReport],
    window: Window,
    target: Target | None,
    hours_per_week: float | Decimal,
) -> PersonReport:
    """The person's report from their weeks: the weeks and the window's total."""
    return PersonReport(
        person, tuple(weeks), total_of(weeks, window, target, float(hours_per_week))
    )


def total_of(
    weeks: Sequence[WeekReport], window: Window, target: Target | None, hours_per_week: float
) -> WeekReport:
    """The weeks added up, shares and target judged again on the sums."""
    hours = {c: sum(w.hours[c] for w in weeks) for c in LOGGED}
    return summarise(
        TOTAL_LABEL,
        window,
        sum(w.available_hours for w in weeks),
        hours,
        sum(w.merged_minutes for w in weeks),
        sum(w.out_of_office_days for w in weeks),
        target,
        hours_per_week,
    )


def summarise(
    label: str,
    segment: Window,
    available: float,
    logged: Mapping[Category, float],
    merged_minutes: float,
    out_of_office_days: float,
    target: Target | None,
    hours_per_week: float,
) -> WeekReport:
    """A WeekReport from available and logged hours: unlogged, shares and the target."""
    logged_total = sum(logged[c] for c in LOGGED)
    hours = {
        **{c: logged[c] for c in LOGGED},
        Category.UNLOGGED: max(0.0, available - logged_total),
    }
    base = max(available, logged_total)
    shares = {c: (hours[c] / base if base > 0 else 0.0) for c in REPORT_CATEGORIES}
    return WeekReport(
        week=label,
        start=segment[0],
        end=segment[1],
        available_hours=available,
        hours=hours,
        shares=shares,
        merged_minutes=merged_minutes,
        out_of_office_days=out_of_office_days,
        target=judge_target(target, hours, shares, available, hours_per_week),
    )


def judge_target(
    target: Target | None,
    hours: Mapping[Category, float],
    shares: Mapping[Category, float],
    available: float,
    hours_per_week: float,
) -> TargetResult | None:
    """The proactive hours and share against the target; `met` is None without available hours."""
    if target is None:
        return None
    target_hours = target.hours_for(available, hours_per_week)
    proactive_hours, proactive_share = hours[Category.PROACTIVE], shares[Category.PROACTIVE]
    met: bool | None = None
    if available > _EPSILON:
        if target.kind == "share":
            met = proactive_share >= target.value - _EPSILON
        else:
            met = proactive_hours >= target_hours - _EPSILON
    return TargetResult(
        target.kind, target.value, target_hours, proactive_hours, proactive_share, met
    )
