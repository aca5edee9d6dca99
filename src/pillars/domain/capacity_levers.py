"""What would close a capacity gap alone (DOMAIN.md §3): more proactive hours, a better
proposal → win rate, bigger deals, time moved off maintain accounts.

Each lever is the smallest value, at the precision it is shown in (0.01 h, 1%, 0.01 of money),
that fed back into the same rounded plan (capacity_funnel.need_for) covers the funnel. The
plan is monotone in each of them, so the search is a bisection over whole steps, then checked.
Pure: Decimal, no Django.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from pillars.domain.capacity_funnel import (
    HOURS_IN_A_WEEK,
    Funnel,
    Lever,
    Need,
    need_for,
    rounded,
    rounded_up,
    wins_needed,
)

CENT = Decimal("0.01")


@dataclass(frozen=True)
class PlanGiven:
    """The plan's inputs, as check_capacity was given them."""

    revenue: Decimal
    deal_size: Decimal
    funnel: Funnel
    hours: Decimal  # measured proactive hours a week
    weeks: Decimal


def smallest(holds: Callable[[int], bool], low: int, high: int) -> int | None:
    """The smallest n in [low, high] for which `holds` (monotone: false ... true), else None."""
    if low > high or not holds(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def levers(given: PlanGiven, need: Need, maintain: Decimal) -> tuple[Lever, ...]:
    """The four levers of a plan that is not covered, each checked against the plan."""
    return (
        _more_hours(given, need),
        _win_rate(given, need),
        _bigger_deals(given, need),
        _maintain(given, need, maintain),
    )


def _more_hours(given: PlanGiven, need: Need) -> Lever:
    total = rounded_up(need.hours_per_week)
    extra = rounded_up(need.hours_per_week - given.hours)
    detail = f"+{extra} proactive hours a week ({total} in all)"
    if total > HOURS_IN_A_WEEK:
        return Lever("more proactive hours", f"{detail}: more than a week has", False)
    return Lever("more proactive hours", detail, need.covered_by(total), total)


def _win_rate(given: PlanGiven, need: Need) -> Lever:
    rates = given.funnel.conversion
    now = f"now {rounded(rates[3] * 100, 0)}%"

    def covers(percent: int) -> bool:
        funnel = replace(given.funnel, conversion=(*rates[:3], Decimal(percent) / 100))
        return need_for(need.wins, funnel, given.weeks).covered_by(given.hours)

    percent = smallest(covers, 1, 100)
    if percent is None:
        detail = f"no proposal → win rate is enough: even 100% leaves a gap ({now})"
        return Lever("better conversion", detail, False)
    detail = f"proposal → win rate of {percent}% ({now})"
    return Lever("better conversion", detail, True, Decimal(percent) / 100)


def _bigger_deals(given: PlanGiven, need: Need) -> Lever:
    def too_many(wins: int) -> bool:
        return not need_for(wins, given.funnel, given.weeks).covered_by(given.hours)

    # need.wins is too many (there is a gap), so the search always finds the first that is.
    first_too_many = smallest(too_many, 1, need.wins)
    affordable = (need.wins if first_too_many is None else first_too_many) - 1
    if affordable < 1:
        detail = "no deal size is enough: the hours do not carry a single win"
        return Lever("bigger deals", detail, False)
    size = rounded_up(given.revenue / affordable)
    # Verify by the plan itself; revenue / size <= affordable makes this a no-op in exact math.
    while too_many(wins_needed(given.revenue, size)):
        size += CENT
    detail = f"an average deal of {size:,} (now {rounded(given.deal_size):,})"
    return Lever("bigger deals", detail, True, size)


def _maintain(given: PlanGiven, need: Need, maintain: Decimal) -> Lever:
    move = rounded_up(need.hours_per_week - given.hours)
    name = "less time on maintain accounts"
    if maintain >= move and given.hours + move <= HOURS_IN_A_WEEK:
        detail = (
            f"move {move} of the {rounded(maintain)} h/week on maintain accounts to proactive work"
        )
        return Lever(name, detail, need.covered_by(given.hours + move), move)
    detail = f"{rounded(maintain)} h/week now go to maintain accounts ({move} would be needed)"
    return Lever(name, detail, False)
