"""The payout curve: variable pay against revenue, from a threshold to quota and beyond.

Payout starts at a threshold (the break-even by default, or a share of quota), reaches the
on-target variable at quota (linear by default, or through tiers), then grows with an
optional accelerator on the same slope and stops at an optional cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pillars.domain.quota_values import (
    ONE,
    ZERO,
    QuotaInputError,
    plain,
    require_not_negative,
    require_positive,
    whole,
)

DEFAULT_ATTAINMENTS = tuple(Decimal(p) / 100 for p in range(0, 151, 10))


@dataclass(frozen=True)
class Tier:
    """At `attainment` (revenue / quota) the payout is `payout` (a share of the variable)."""

    attainment: Decimal
    payout: Decimal


@dataclass(frozen=True)
class PayoutPlan:
    threshold: Decimal
    quota: Decimal
    variable: Decimal
    accelerator: Decimal = ONE
    cap: Decimal | None = None  # the most paid, as a share of the variable (2 = 200 %)
    tiers: tuple[Tier, ...] = ()

    @property
    def slope(self) -> Decimal:
        """Variable pay per unit of revenue on the straight line from threshold to quota."""
        return self.variable / (self.quota - self.threshold)


def make_plan(
    *,
    quota: Decimal,
    variable: Decimal,
    break_even: Decimal | None = None,
    threshold_share: Decimal | None = None,
    accelerator: Decimal = ONE,
    cap: Decimal | None = None,
    tiers: Sequence[Tier] = (),
) -> PayoutPlan:
    """A checked plan: the threshold is the break-even unless a share of quota is given."""
    require_positive("quota", quota)
    require_not_negative("variable", variable)
    require_not_negative("accelerator", accelerator)
    threshold = _threshold(quota, break_even, threshold_share)
    if quota <= threshold:
        raise QuotaInputError(
            "quota",
            f"{plain(whole(quota))} is not above the break-even {plain(whole(threshold))}: "
            "the unit would lose money at 100 % of quota",
        )
    if cap is not None and cap < ONE:
        raise QuotaInputError(
            "cap", f"must be at least 1 (100 % of the variable), got {plain(cap)}"
        )
    _check_tiers(tiers, threshold / quota)
    return PayoutPlan(threshold, quota, variable, accelerator, cap, tuple(tiers))


def _threshold(
    quota: Decimal, break_even: Decimal | None, threshold_share: Decimal | None
) -> Decimal:
    if threshold_share is not None:
        if threshold_share < ZERO or threshold_share >= ONE:
            raise QuotaInputError(
                "threshold", f"a share of quota from 0 to below 1, got {plain(threshold_share)}"
            )
        return quota * threshold_share
    if break_even is None:
        return ZERO
    return require_not_negative("break-even", break_even)


def _check_tiers(tiers: Sequence[Tier], start: Decimal) -> None:
    last = (start, ZERO)
    for tier in tiers:
        if not last[0] < tier.attainment < ONE:
            raise QuotaInputError(
                "tiers", "attainments must rise between the threshold and 100 % of quota"
            )
        if not last[1] <= tier.payout <= ONE:
            raise QuotaInputError("tiers", "payout shares must rise from 0 to at most 1")
        last = (tier.attainment, tier.payout)


def payout_at(plan: PayoutPlan, revenue: Decimal) -> Decimal:
    """Variable pay earned at this revenue."""
    if revenue <= plan.threshold:
        return ZERO
    if revenue <= plan.quota:
        return plan.variable * _share_below_quota(plan, revenue)
    earned = plan.variable + plan.slope * plan.accelerator * (revenue - plan.quota)
    if plan.cap is not None:
        earned = min(earned, plan.variable * plan.cap)
    return earned


def _share_below_quota(plan: PayoutPlan, revenue: Decimal) -> Decimal:
    points = [(plan.threshold, ZERO)]
    points += [(t.attainment * plan.quota, t.payout) for t in plan.tiers]
    points.append((plan.quota, ONE))
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if revenue <= x1:
            return y0 + (y1 - y0) * (revenue - x0) / (x1 - x0)
    return ONE


@dataclass(frozen=True)
class PayoutRow:
    attainment: Decimal
    revenue: Decimal
    payout: Decimal

    def share_of_variable(self, variable: Decimal) -> Decimal:
        return self.payout / variable if variable else ZERO


def payout_table(
    plan: PayoutPlan, attainments: Sequence[Decimal] = DEFAULT_ATTAINMENTS
) -> list[PayoutRow]:
    """Payout at each attainment (a share of quota), plus the threshold, in order."""
    start = plan.threshold / plan.quota
    # The threshold's share can differ from a listed attainment only by division rounding.
    near = any(abs(a - start) < Decimal("1e-9") for a in attainments)
    points = sorted(set(attainments) | (set() if near else {start}))
    return [PayoutRow(a, plan.quota * a, payout_at(plan, plan.quota * a)) for a in points]


def payout_curve(plan: PayoutPlan, top: Decimal = Decimal("1.5")) -> list[PayoutRow]:
    """Enough points to draw the curve: every 5 % of quota up to `top`, and the threshold."""
    steps = int(top * 20)
    return payout_table(plan, [Decimal(i) / 20 for i in range(steps + 1)])
