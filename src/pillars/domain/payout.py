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
    money_text,
    percent_text,
    plain,
    require_finite,
    require_money,
    to_share,
)

DEFAULT_ATTAINMENTS = tuple(Decimal(p) / 100 for p in range(0, 151, 10))
# Far above any real plan: ten times the slope, ten times the variable.
MAX_ACCELERATOR = Decimal(10)
MAX_CAP = Decimal(10)


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
    require_money("quota", quota, positive=True)
    require_money("variable", variable)
    _check_accelerator(accelerator)
    threshold = _threshold(quota, break_even, threshold_share)
    if quota <= threshold:
        raise QuotaInputError(
            "quota",
            f"{money_text(quota)} is not above the break-even {money_text(threshold)}: "
            "the unit would lose money at 100 % of quota",
        )
    if cap is not None and not ONE <= require_finite("cap", cap) <= MAX_CAP:
        raise QuotaInputError(
            "cap",
            f"must be from 1 to {plain(MAX_CAP)} times the variable (100 % to "
            f"{percent_text(MAX_CAP)}), got {plain(cap)}",
        )
    _check_tiers(tiers, threshold / quota)
    return PayoutPlan(threshold, quota, variable, accelerator, cap, tuple(tiers))


def _check_accelerator(accelerator: Decimal) -> None:
    if not ONE <= require_finite("accelerator", accelerator) <= MAX_ACCELERATOR:
        raise QuotaInputError(
            "accelerator",
            f"must be from 1 to {plain(MAX_ACCELERATOR)} times the slope below quota, got "
            f"{plain(accelerator)}: below 1 it would pay less per sale above quota "
            "(a decelerator)",
        )


def _threshold(
    quota: Decimal, break_even: Decimal | None, threshold_share: Decimal | None
) -> Decimal:
    if threshold_share is not None:
        if not ZERO <= require_finite("threshold", threshold_share) < ONE:
            raise QuotaInputError(
                "threshold",
                f"{percent_text(threshold_share)} of quota must be from 0 % to below 100 %",
            )
        return quota * threshold_share
    if break_even is None:
        return ZERO
    return require_money("break-even", break_even)


def _check_tiers(tiers: Sequence[Tier], start: Decimal) -> None:
    last = (start, ZERO)
    for tier in tiers:
        point = f"{percent_text(tier.attainment)}:{percent_text(tier.payout)}"
        require_finite("tiers", tier.attainment)
        require_finite("tiers", tier.payout)
        if not last[0] < tier.attainment < ONE:
            raise QuotaInputError(
                "tiers",
                f"attainment {percent_text(tier.attainment)} (in {point}) must rise, above "
                f"{percent_text(last[0])} and below 100 % of quota "
                f"(payout starts at {percent_text(start)}, 100 % is paid at quota)",
            )
        if not last[1] <= tier.payout <= ONE:
            raise QuotaInputError(
                "tiers",
                f"payout {percent_text(tier.payout)} (in {point}) must not fall: from "
                f"{percent_text(last[1])} to at most 100 % of the variable",
            )
        last = (tier.attainment, tier.payout)


TIERS_SYNTAX = "ATTAINMENT:PAYOUT pairs such as '0.9:0.5,1:1' or '90%:50%'"


def parse_tiers(text: str) -> tuple[Tier, ...]:
    """'0.8:0.25,0.9:0.5' -> tiers: at 80 % of quota 25 % of the variable, at 90 % half.

    Each side is a share (0.9) or a percentage (90%); a last '1:1' (100 % at quota) is the
    line's own end and may be written or left out. `make_plan` checks the order and range.
    """
    tiers: list[Tier] = []
    for item in (part.strip() for part in text.replace(";", ",").split(",")):
        if not item:
            continue
        left, sep, right = item.partition(":")
        if not sep or ":" in right:
            raise QuotaInputError("tiers", f"expected {TIERS_SYNTAX}, got {item!r}")
        tiers.append(Tier(to_share("tiers", left), to_share("tiers", right)))
    if tiers and tiers[-1].attainment == ONE and tiers[-1].payout == ONE:
        tiers.pop()
    return tuple(tiers)


def payout_at(plan: PayoutPlan, revenue: Decimal) -> Decimal:
    """Variable pay earned at this revenue."""
    require_money("revenue", revenue)
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
    tiers = {t.attainment for t in plan.tiers}
    points = sorted(set(attainments) | tiers | (set() if near else {start}))
    return [PayoutRow(a, plan.quota * a, payout_at(plan, plan.quota * a)) for a in points]


def payout_curve(plan: PayoutPlan, top: Decimal = Decimal("1.5")) -> list[PayoutRow]:
    """Enough points to draw the curve: every 5 % of quota up to `top`, and the threshold."""
    steps = int(top * 20)
    return payout_table(plan, [Decimal(i) / 20 for i in range(steps + 1)])
