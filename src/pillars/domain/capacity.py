"""The capacity check (DOMAIN.md §3): revenue target -> funnel -> hours -> the calendar.

Pure: money and hours are Decimal, no clock, no Django. The funnel's rounded counts and hours
are capacity_funnel.py's; what would close a gap is searched over that same rounded plan
(capacity_levers.py), so each lever, fed back into the plan, does close it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pillars.domain.capacity_funnel import (
    DEFAULT_WEEKS,
    MAX_MONEY,
    MIN_DEAL_SIZE,
    ONE,
    STAGES,
    STEPS,
    ZERO,
    Funnel,
    Lever,
    Need,
    check_plan_inputs,
    funnel_counts,
    in_range,
    need_for,
    rounded,
    rounded_up,
    up,
    wins_needed,
)
from pillars.domain.capacity_levers import PlanGiven, levers
from pillars.domain.records import Category
from pillars.domain.timeuse import WeekReport
from pillars.errors import ConfigError

__all__ = [
    "DEFAULT_WEEKS", "STAGES", "STEPS", "Capacity", "Funnel", "Lever", "MeasuredWeeks",
    "PlanInputs", "Reachable", "RevenuePlan", "check_capacity", "check_plan_inputs", "funnel_counts",
    "lookback_weeks", "measured_proactive", "plan_revenue", "reachable", "rounded",
    "rounded_up",
]  # fmt: skip
# Measured proactive hours: the mean of the last MEASURE_WEEKS whole weeks with data, looking
# back at most LOOKBACK_WEEKS (or twice the weeks asked for, up to a year).
MEASURE_WEEKS = 4
LOOKBACK_WEEKS = 12


@dataclass(frozen=True)
class PlanInputs:
    """What a capacity check is asked: revenue, deal size, funnel (None: measured), weeks."""

    new_revenue: Decimal
    deal_size: Decimal | None  # None: the person's average won deal
    conversion: tuple[Decimal, Decimal, Decimal, Decimal] | None
    hours: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
    weeks: Decimal


@dataclass(frozen=True)
class Reachable:
    """The reverse: what the measured proactive hours can produce in a year."""

    hours_per_year: Decimal
    hours_per_win: Decimal
    wins: Decimal
    revenue: Decimal

    def as_dict(self) -> dict[str, str]:
        return {
            "hours_per_year": str(rounded(self.hours_per_year)),
            "hours_per_win": str(rounded(self.hours_per_win)),
            "wins": str(rounded(self.wins)),
            "revenue": str(rounded(self.revenue)),
        }


@dataclass(frozen=True)
class Capacity:
    """What the funnel needs against what the calendar gives."""

    new_revenue: Decimal
    deal_size: Decimal
    wins: int
    proposals: int
    second_meetings: int
    first_meetings: int
    calls: int
    hours_per_year: Decimal
    hours_per_week: Decimal
    weeks: Decimal
    proactive_hours_per_week: Decimal
    coverage: Decimal | None  # measured / needed; None when nothing is needed
    gap_hours_per_week: Decimal  # needed - measured, 0 when covered
    verdict: str
    levers: tuple[Lever, ...]
    reachable: Reachable

    @property
    def closing_levers(self) -> tuple[str, ...]:
        """Names of the levers that alone would close the gap."""
        return tuple(lever.name for lever in self.levers if lever.closes_gap)

    def as_dict(self) -> dict[str, object]:
        """Stable keys for JSON output and the page."""
        return {
            "new_revenue": str(self.new_revenue),
            "deal_size": str(self.deal_size),
            "wins": self.wins,
            "proposals": self.proposals,
            "second_meetings": self.second_meetings,
            "first_meetings": self.first_meetings,
            "calls": self.calls,
            "hours_per_year": str(rounded(self.hours_per_year)),
            "hours_per_week": str(rounded(self.hours_per_week)),
            "weeks": str(self.weeks),
            "proactive_hours_per_week": str(rounded(self.proactive_hours_per_week)),
            "coverage": None if self.coverage is None else str(rounded(self.coverage, 3)),
            "gap_hours_per_week": str(rounded(self.gap_hours_per_week)),
            "verdict": self.verdict,
            "levers": [
                {
                    "name": lever.name,
                    "detail": lever.detail,
                    "closes_gap": lever.closes_gap,
                    "value": None if lever.value is None else str(lever.value),
                }
                for lever in self.levers
            ],
            "reachable": self.reachable.as_dict(),
        }


def reachable(
    proactive_hours_per_week: Decimal, funnel: Funnel, deal_size: Decimal, weeks: Decimal
) -> Reachable:
    """The reverse check: wins and revenue the measured proactive hours can carry in a year."""
    per_year = proactive_hours_per_week * weeks
    per_win = funnel.hours_per_win()
    wins = per_year / per_win if per_win > 0 else ZERO
    return Reachable(per_year, per_win, wins, wins * deal_size)


def check_capacity(
    *,
    new_revenue: Decimal,
    deal_size: Decimal,
    funnel: Funnel,
    proactive_hours_per_week: Decimal,
    weeks: Decimal = DEFAULT_WEEKS,
    maintain_hours_per_week: Decimal = ZERO,
) -> Capacity:
    """The funnel and hours `new_revenue` needs at `deal_size`, against the measured hours."""
    check_plan_inputs(
        new_revenue=new_revenue,
        deal_size=deal_size,
        weeks=weeks,
        proactive_hours_per_week=proactive_hours_per_week,
    )
    needed_revenue = max(new_revenue, ZERO)
    need = need_for(wins_needed(needed_revenue, deal_size), funnel, weeks)
    per_week = need.hours_per_week
    coverage = proactive_hours_per_week / per_week if per_week > 0 else None
    gap = max(per_week - proactive_hours_per_week, ZERO)
    given = PlanGiven(needed_revenue, deal_size, funnel, proactive_hours_per_week, weeks)
    calls, first, second, proposals, _ = need.counts
    return Capacity(
        new_revenue=needed_revenue,
        deal_size=deal_size,
        wins=need.wins,
        proposals=proposals,
        second_meetings=second,
        first_meetings=first,
        calls=calls,
        hours_per_year=need.hours_per_year,
        hours_per_week=per_week,
        weeks=weeks,
        proactive_hours_per_week=proactive_hours_per_week,
        coverage=coverage,
        gap_hours_per_week=gap,
        verdict=_verdict(need, coverage, gap),
        levers=levers(given, need, maintain_hours_per_week) if gap > 0 else (),
        reachable=reachable(proactive_hours_per_week, funnel, deal_size, weeks),
    )


def _verdict(need: Need, coverage: Decimal | None, gap: Decimal) -> str:
    if need.wins == 0:
        return "nothing to win: no new revenue is needed"
    if coverage is None:
        return "covered: the funnel takes no hours"
    percent = rounded(coverage * 100, 0)
    if gap == 0:
        return f"covered: the calendar carries the funnel ({percent}%)"
    # Never "needs 0.00 more (100% covered)": what is shown must read as not covered.
    more = rounded(gap)
    shown = f"{more}" if more > 0 else "less than 0.01"
    return (
        f"not covered: the funnel needs {shown} more proactive hours a week "
        f"than the calendar shows ({min(percent, Decimal(99))}% covered)"
    )


@dataclass(frozen=True)
class MeasuredWeeks:
    """Proactive hours a week measured over the last weeks with data of a report."""

    weeks: tuple[WeekReport, ...]  # the weeks used, oldest first
    proactive_hours: Decimal  # their mean; 0 when there is none
    looked_at: int  # how many whole weeks were looked at

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(week.week for week in self.weeks)

    @property
    def first_day(self) -> date | None:
        return self.weeks[0].start.date() if self.weeks else None

    @property
    def last_day(self) -> date | None:
        return (self.weeks[-1].end - timedelta(days=1)).date() if self.weeks else None

    def describe(self) -> str:
        """'2 weeks with data (2026-W47, 2026-W48) of the 12 looked at'."""
        if not self.weeks:
            return f"no week with data in the {self.looked_at} looked at"
        n = len(self.weeks)
        return (
            f"{n} week{'s' if n != 1 else ''} with data ({', '.join(self.labels)}) "
            f"of the {self.looked_at} looked at"
        )


def lookback_weeks(measure_weeks: int = MEASURE_WEEKS) -> int:
    """How far back to look for `measure_weeks` weeks with data: 12, or twice as many."""
    return min(max(LOOKBACK_WEEKS, 2 * measure_weeks), 52)


def measured_proactive(weeks: Sequence[WeekReport], count: int = MEASURE_WEEKS) -> MeasuredWeeks:
    """Mean proactive hours of the last `count` weeks with data: a week with no counted
    (logged) entry is a week without data, not a week of 0 hours."""
    with_data = [w for w in weeks if w.logged_hours > 0][-count:] if count > 0 else []
    if not with_data:
        return MeasuredWeeks((), ZERO, len(weeks))
    total = sum((Decimal(repr(w.hours[Category.PROACTIVE])) for w in with_data), start=ZERO)
    mean = rounded(total / len(with_data), 4)
    return MeasuredWeeks(tuple(with_data), mean, len(weeks))


@dataclass(frozen=True)
class RevenuePlan:
    """Target -> retained base -> planned growth -> new-logo revenue -> wins."""

    target: Decimal
    base: Decimal
    churn: Decimal
    churned: Decimal
    retained: Decimal
    growth: Decimal
    new_revenue: Decimal  # clamped at 0
    surplus: Decimal  # what retained + growth exceed the target by (0 when they do not)
    deal_size: Decimal
    wins: int

    def as_dict(self) -> dict[str, str | int]:
        return {
            "target": str(self.target),
            "base": str(self.base),
            "churn": str(self.churn),
            "churned": str(rounded(self.churned)),
            "retained": str(rounded(self.retained)),
            "growth": str(self.growth),
            "new_revenue": str(rounded(self.new_revenue)),
            "surplus": str(rounded(self.surplus)),
            "deal_size": str(self.deal_size),
            "wins": self.wins,
        }


def plan_revenue(
    *, target: Decimal, base: Decimal, churn: Decimal, growth: Decimal, deal_size: Decimal
) -> RevenuePlan:
    """New-logo revenue and wins the target needs once churn is replaced and growth counted."""
    if not churn.is_finite() or not ZERO <= churn <= ONE:
        raise ConfigError(f"churn must be a fraction between 0 and 1, got {churn}")
    for value, what in ((target, "target"), (base, "base"), (growth, "growth")):
        in_range(value, what, ZERO, MAX_MONEY)
    in_range(deal_size, "deal size", MIN_DEAL_SIZE, MAX_MONEY)
    churned = base * churn
    retained = base - churned
    need = target - retained - growth
    new_revenue = max(need, ZERO)
    return RevenuePlan(
        target=target,
        base=base,
        churn=churn,
        churned=churned,
        retained=retained,
        growth=growth,
        new_revenue=new_revenue,
        surplus=max(-need, ZERO),
        deal_size=deal_size,
        wins=up(new_revenue / deal_size),
    )
