"""Quota from the cost of sales (DOMAIN §2): SaaS units of employee cost, industrial margin.

Pure and exact: money is Decimal, shares are fractions. Round only when showing a figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pillars.domain.employee_cost import EmployeeCost
from pillars.domain.quota_values import (
    ONE,
    ZERO,
    QuotaInputError,
    plain,
    require_not_negative,
    require_positive,
)

# The seed's observed range of quota over employee cost, stable within one company.
COMPANY_RANGE = (Decimal("3.5"), Decimal("9"))


@dataclass(frozen=True)
class SaasUnits:
    """Units of one employee cost the rep's new first-year value must carry (1+1+1+2)."""

    own: Decimal = ONE
    direct: Decimal = ONE  # presales, free consultancy, proofs of concept, adaptations
    overhead: Decimal = ONE  # sales director, marketing, part of admin
    margin_risk: Decimal = Decimal(2)  # margin, and not every colleague makes quota

    @property
    def total(self) -> Decimal:
        return self.own + self.direct + self.overhead + self.margin_risk

    @property
    def cost_of_sales(self) -> Decimal:
        """The units that are cost (all but margin and risk)."""
        return self.own + self.direct + self.overhead

    @classmethod
    def of_total(cls, total: Decimal) -> SaasUnits:
        """1+1+1 and the rest as margin and risk: `--units 5` is the default split."""
        if total < Decimal(3):
            raise QuotaInputError(
                "units", f"must be at least 3 (own + direct + overhead), got {plain(total)}"
            )
        return cls(margin_risk=total - Decimal(3))


@dataclass(frozen=True)
class SaasQuota:
    cost: EmployeeCost
    units: SaasUnits
    quota: Decimal
    # Below this the rep's new first-year value does not pay for the cost of sales.
    break_even: Decimal

    @property
    def quota_per_salary(self) -> Decimal:
        return self.quota / self.cost.salary

    @property
    def quota_per_cost(self) -> Decimal:
        return self.quota / self.cost.total

    @property
    def in_company_range(self) -> bool:
        return COMPANY_RANGE[0] <= self.quota_per_cost <= COMPANY_RANGE[1]


def saas_quota(cost: EmployeeCost, units: SaasUnits | None = None) -> SaasQuota:
    """quota = units × total employee cost."""
    units = units or SaasUnits()
    for name in ("own", "direct", "overhead", "margin_risk"):
        require_not_negative(f"units {name}", getattr(units, name))
    require_positive("units", units.total)
    return SaasQuota(
        cost=cost,
        units=units,
        quota=units.total * cost.total,
        break_even=units.cost_of_sales * cost.total,
    )


@dataclass(frozen=True)
class Support:
    """People a rep needs (presales, back office...): how many, and what one costs."""

    role: str
    count: Decimal
    cost_each: Decimal

    @property
    def cost(self) -> Decimal:
        return self.count * self.cost_each


@dataclass(frozen=True)
class IndustrialQuota:
    rep_cost: Decimal
    support: tuple[Support, ...]
    extra: Decimal
    gross_margin: Decimal
    pure_cost: Decimal
    total_cost: Decimal
    quota: Decimal
    break_even: Decimal

    @property
    def cogs(self) -> Decimal:
        return ONE - self.gross_margin

    @property
    def quota_per_break_even(self) -> Decimal:
        return self.quota / self.break_even


def gross_margin_from_cogs(cogs: Decimal) -> Decimal:
    """Margin left after cost of goods, both as shares of list price."""
    if cogs < ZERO or cogs >= ONE:
        raise QuotaInputError(
            "cogs",
            f"cost of goods must be a share of list price from 0 to below 1 (0.65 = 65 %), "
            f"got {plain(cogs)}: nothing would be left to pay for sales",
        )
    return ONE - cogs


def check_gross_margin(margin: Decimal) -> Decimal:
    if margin <= ZERO or margin >= ONE:
        raise QuotaInputError(
            "margin",
            f"gross margin must be a share above 0 and below 1 (below 100 %), got {plain(margin)}",
        )
    return margin


def industrial_quota(
    *, rep_cost: Decimal, support: Sequence[Support], extra: Decimal, gross_margin: Decimal
) -> IndustrialQuota:
    """quota = (pure cost + extra) / margin; break-even = pure cost / margin."""
    require_positive("cost per person", rep_cost)
    for item in support:
        require_not_negative(f"{item.role} count", item.count)
        require_not_negative(f"{item.role} cost", item.cost_each)
    require_not_negative("extra", extra)
    check_gross_margin(gross_margin)
    pure = rep_cost + sum((s.cost for s in support), ZERO)
    return IndustrialQuota(
        rep_cost=rep_cost,
        support=tuple(support),
        extra=extra,
        gross_margin=gross_margin,
        pure_cost=pure,
        total_cost=pure + extra,
        quota=(pure + extra) / gross_margin,
        break_even=pure / gross_margin,
    )


def default_support(
    cost_per_person: Decimal, presales: Decimal, backoffice: Decimal
) -> list[Support]:
    """The seed's case: presales engineers and back-office positions at the rep's own cost."""
    return [
        Support("presales", presales, cost_per_person),
        Support("back office", backoffice, cost_per_person),
    ]


# --- sensitivity --------------------------------------------------------------------------

DEFAULT_MULTIPLIERS = tuple(Decimal(m) for m in ("1.5", "1.6", "1.7", "1.8", "1.9", "2.0"))
DEFAULT_UNITS = tuple(Decimal(u) for u in ("3.5", "4", "4.5", "5", "6", "7", "8", "9"))
DEFAULT_MARGINS = tuple(Decimal(m) for m in ("0.25", "0.30", "0.35", "0.40", "0.45", "0.50"))


@dataclass(frozen=True)
class Grid:
    """quota[row][column] for each row value × column value."""

    row_label: str
    column_label: str
    rows: tuple[Decimal, ...]
    columns: tuple[Decimal, ...]
    values: tuple[tuple[Decimal, ...], ...]


def saas_grid(
    salary: Decimal,
    multipliers: Sequence[Decimal] = DEFAULT_MULTIPLIERS,
    units: Sequence[Decimal] = DEFAULT_UNITS,
) -> Grid:
    """SaaS quota for each multiplier (rows) × units of cost (columns)."""
    values = tuple(tuple(salary * m * u for u in units) for m in multipliers)
    return Grid("multiplier", "units", tuple(multipliers), tuple(units), values)


def industrial_grid(
    pure_cost: Decimal, margins: Sequence[Decimal], extras: Sequence[Decimal]
) -> Grid:
    """Industrial quota for each gross margin (rows) × extra amount (columns)."""
    for margin in margins:
        check_gross_margin(margin)
    values = tuple(tuple((pure_cost + e) / m for e in extras) for m in margins)
    return Grid("gross margin", "extra", tuple(margins), tuple(extras), values)


# --- ramp and headcount -------------------------------------------------------------------


def first_year_quota(quota: Decimal, ramp: Sequence[Decimal], months: int = 12) -> Decimal:
    """Expected first-year quota of a new hire: monthly quota × ramp share, full after the ramp."""
    if len(ramp) > months:
        raise QuotaInputError("ramp", f"has {len(ramp)} months; at most {months}")
    for share in ramp:
        if share < ZERO or share > ONE:
            raise QuotaInputError(
                "ramp", f"shares go from 0 to 1 (0 % to 100 %), got {plain(share)}"
            )
    shares = list(ramp) + [ONE] * (months - len(ramp))
    return quota / Decimal(months) * sum(shares, ZERO)


@dataclass(frozen=True)
class Headcount:
    exact: Decimal
    people: int


def headcount_needed(target: Decimal, quota: Decimal, attainment: Decimal) -> Headcount:
    """Reps needed for a revenue target when each makes `attainment` of their quota."""
    require_not_negative("target", target)
    require_positive("quota", quota)
    require_positive("attainment", attainment)
    exact = target / (quota * attainment)
    return Headcount(exact, math.ceil(exact))
