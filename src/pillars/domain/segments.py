"""Segments, churn, the funnel measured vs assumed, and time by segment (DOMAIN.md §3).

Pure: dates come in as arguments (`today`), money is Decimal in one currency at a time (deals
in another currency are counted apart, never converted).
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from pillars.domain.customers_records import DealRecord, FunnelStage, Segment

ZERO = Decimal(0)
RECENT = timedelta(days=365)
# The funnel is measured over one period on every page: deals created in the last 12 months.
FUNNEL_MONTHS = 12
# The seed's ratios per won customer (midpoints of 10–20 calls, 5–10 first meetings, 3–4
# second meetings, "a few" proposals read as 2): used where the data is thin, always labelled.
ASSUMED_PER_WIN = (Decimal(15), Decimal("7.5"), Decimal("3.5"), Decimal(2), Decimal(1))
ASSUMED_RANGES = ("10–20 calls", "5–10 first meetings", "3–4 second meetings", "a few proposals")
STAGE_NAMES = ("calls", "first meetings", "second meetings", "proposals", "wins")
# Below this many at a stage, its conversion is taken from the seed instead of the data.
THIN = 10
# Rule of thumb: hours per unit of revenue against maintain sales.
RULE_OF_THUMB = {Segment.PROSPECT: (5, 15), Segment.GROW: (2, 4), Segment.MAINTAIN: (1, 1)}
_ORDER = (
    FunnelStage.FIRST_MEETING,
    FunnelStage.SECOND_MEETING,
    FunnelStage.PROPOSAL,
    FunnelStage.WIN,
)


def segment_for(
    deals: Sequence[DealRecord],
    *,
    today: date,
    fully_penetrated: bool = False,
    override: Segment | None = None,
) -> Segment:
    """The default rule, under a manual override.

    No won deal -> prospect; a won deal and an open one, or new business won in the last
    year -> grow; marked fully penetrated -> maintain. A customer with nothing open and no
    recent new business is maintain too (it buys its run rate, nobody is selling to it).
    """
    if override is not None:
        return override
    if fully_penetrated:
        return Segment.MAINTAIN
    won = [d for d in deals if d.won]
    if not won:
        return Segment.PROSPECT
    if any(d.open for d in deals):
        return Segment.GROW
    if any(d.close_date and today - d.close_date <= RECENT for d in won):
        return Segment.GROW
    return Segment.MAINTAIN


def in_currency(deals: Iterable[DealRecord], currency: str) -> tuple[list[DealRecord], int]:
    """Deals in `currency` (a blank currency counts as it) and how many others were left out."""
    kept, others = [], 0
    for deal in deals:
        if not deal.currency or deal.currency == currency:
            kept.append(deal)
        else:
            others += 1
    return kept, others


def main_currency(deals: Iterable[DealRecord], default: str = "EUR") -> str:
    """The currency most won revenue is in."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for deal in deals:
        if deal.won and deal.currency:
            totals[deal.currency] += deal.amount or ZERO
    return max(totals, key=lambda c: totals[c]) if totals else default


def won_revenue(deals: Iterable[DealRecord], first: date, last: date) -> dict[str, Decimal]:
    """Won amount per account key (account id, else name) with a close date in [first, last]."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for deal in deals:
        if deal.won and deal.close_date and first <= deal.close_date <= last:
            out[deal.account_id or deal.account_name] += deal.amount or ZERO
    return dict(out)


@dataclass(frozen=True)
class Churn:
    """Accounts with revenue last period and none now."""

    churned: tuple[str, ...]
    customers_before: int
    rate: Decimal  # share of last period's paying accounts
    revenue_to_replace: Decimal
    revenue_before: Decimal


def churn(before: Mapping[str, Decimal], now: Mapping[str, Decimal]) -> Churn:
    """Churned accounts, churn rate and the revenue new business must replace first."""
    paying = {k: v for k, v in before.items() if v > 0}
    gone = tuple(sorted(k for k in paying if now.get(k, ZERO) <= 0))
    rate = Decimal(len(gone)) / len(paying) if paying else ZERO
    lost = sum((paying[k] for k in gone), start=ZERO)
    return Churn(gone, len(paying), rate, lost, sum(paying.values(), start=ZERO))


@dataclass(frozen=True)
class Step:
    """One conversion of the funnel, from the data or from the seed."""

    name: str  # "calls → first meetings"
    rate: Decimal
    measured: bool
    base: int  # how many reached the earlier stage in the data
    reached: int  # how many of them reached the next one
    assumed_note: str  # the seed's ratio it falls back on


@dataclass(frozen=True)
class FunnelView:
    counts: tuple[int, int, int, int, int]  # calls, first, second, proposals, wins in the data
    steps: tuple[Step, Step, Step, Step]
    cycle_days: float | None  # median days from creation to win of won deals
    wins_for_cycle: int

    @property
    def conversion(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        a, b, c, d = (step.rate for step in self.steps)
        return a, b, c, d

    @property
    def all_assumed(self) -> bool:
        return not any(step.measured for step in self.steps)


def assumed_conversion() -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The seed's conversion rates: per win 15 calls, 7.5 first, 3.5 second, 2 proposals."""
    a = ASSUMED_PER_WIN
    return a[1] / a[0], a[2] / a[1], a[3] / a[2], a[4] / a[3]


def funnel_period(today: date, months: int = FUNNEL_MONTHS) -> tuple[date, date]:
    """The funnel's period, inclusive: the day after the same day `months` months back (the
    month's last day when it is shorter) to today. 3 Dec 2026, 12 -> 4 Dec 2025 – 3 Dec 2026."""
    if months < 1:
        raise ValueError("a funnel period is at least one month")
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, monthrange(year, month + 1)[1])
    return date(year, month + 1, day) + timedelta(days=1), today


def in_period(deal: DealRecord, period: tuple[date, date]) -> bool:
    """Whether the deal was created in the period (its close date when it has no creation
    date); a deal with neither date cannot be placed and counts."""
    when = deal.created or deal.close_date
    return when is None or period[0] <= when <= period[1]


def stage_counts(deals: Iterable[DealRecord], calls: int) -> tuple[int, int, int, int, int]:
    """How many deals reached each stage (a won deal reached every one); calls as given."""
    reached = [0, 0, 0, 0]
    for deal in deals:
        stage = FunnelStage.WIN if deal.won else deal.funnel_stage
        if stage is None:
            continue
        for i in range(_ORDER.index(stage) + 1):
            reached[i] += 1
    return calls, reached[0], reached[1], reached[2], reached[3]


def funnel_view(deals: Sequence[DealRecord], calls: int, thin: int = THIN) -> FunnelView:
    """Conversion per step from the data where at least `thin` reached the earlier stage."""
    counts = stage_counts(deals, calls)
    assumed = assumed_conversion()
    steps = []
    for i in range(4):
        base, reached = counts[i], counts[i + 1]
        name = f"{STAGE_NAMES[i]} → {STAGE_NAMES[i + 1]}"
        note = f"assumed from the seed ({ASSUMED_RANGES[i]} per won customer)"
        measured = base >= thin and 0 < reached <= base
        rate = Decimal(reached) / base if measured else assumed[i]
        steps.append(Step(name, rate, measured, base, reached, note))
    days = [(d.close_date - d.created).days for d in deals if d.won and d.created and d.close_date]
    cycle = float(median(days)) if days else None
    return FunnelView(counts, (steps[0], steps[1], steps[2], steps[3]), cycle, len(days))


@dataclass(frozen=True)
class SegmentTime:
    """Hours of one person in one week on accounts of one segment."""

    person: str
    week: str
    segment: Segment
    hours: Decimal


def time_by_segment(
    entries: Iterable[SegmentTime],
) -> dict[tuple[str, str], dict[Segment, Decimal]]:
    """(person, week) -> hours per segment (every segment present, 0 where none)."""
    out: dict[tuple[str, str], dict[Segment, Decimal]] = {}
    for entry in entries:
        row = out.setdefault((entry.person, entry.week), {s: ZERO for s in Segment})
        row[entry.segment] += entry.hours
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class SegmentEffort:
    segment: Segment
    hours: Decimal
    revenue: Decimal
    hours_per_1000: Decimal | None  # hours per 1,000 of revenue won
    times_maintain: Decimal | None  # against maintain sales, measured
    rule_of_thumb: tuple[int, int]

    @property
    def rule_of_thumb_label(self) -> str:
        """'5–15×', '2–4×'; maintain is the baseline the others are measured against: '1×'."""
        low, high = self.rule_of_thumb
        return f"{low}×" if low == high else f"{low}–{high}×"


def effort_by_segment(
    hours: Mapping[Segment, Decimal], revenue: Mapping[Segment, Decimal]
) -> list[SegmentEffort]:
    """Hours per unit of revenue won by segment, beside the seed's rule of thumb."""
    per: dict[Segment, Decimal | None] = {}
    for segment in Segment:
        won = revenue.get(segment, ZERO)
        per[segment] = hours.get(segment, ZERO) * 1000 / won if won > 0 else None
    base = per[Segment.MAINTAIN]

    def against_maintain(value: Decimal | None) -> Decimal | None:
        return value / base if value is not None and base else None

    return [
        SegmentEffort(
            segment=s,
            hours=hours.get(s, ZERO),
            revenue=revenue.get(s, ZERO),
            hours_per_1000=per[s],
            times_maintain=against_maintain(per[s]),
            rule_of_thumb=RULE_OF_THUMB[s],
        )
        for s in Segment
    ]
