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
    percent_text,
    plain,
    require_between,
    require_money,
)

# The seed's observed range of quota over employee cost, stable within one company.
COMPANY_RANGE = (Decimal("3.5"), Decimal("9"))
# Far beyond any real plan (the seed's range is 3.5-9 units, 1-2 support people a rep).
MAX_UNITS = Decimal(50)
MAX_PEOPLE = Decimal(50)
# Below 1 % gross margin no sales team can be carried; the bound also keeps quotas finite.
MIN_MARGIN = Decimal("0.01")


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
        if not Decimal(3) < total <= MAX_UNITS:
            raise QuotaInputError(
                "units",
                f"must be above 3 (own + direct + overhead; the rest is margin and risk, "
                f"so the quota is above the break-even) and at most {plain(MAX_UNITS)}, "
                f"got {plain(total)}",
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
        require_between(f"units {name}", getattr(units, name), ZERO, MAX_UNITS, "units of cost")
    require_between("units", units.total, ZERO, MAX_UNITS, "units of employee cost in total")
    if units.margin_risk <= ZERO:
        raise QuotaInputError(
            "units margin_risk",
            f"must be more than 0, got {plain(units.margin_risk)}: without margin and risk "
            "the quota equals the break-even and the unit earns nothing",
        )
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
    if not ZERO <= cogs <= ONE - MIN_MARGIN:
        raise QuotaInputError(
            "cogs",
            f"cost of goods {percent_text(cogs)} of list price must be from 0 % to "
            f"{percent_text(ONE - MIN_MARGIN)} (below 100 % of list price): "
            "at more, too little margin is left to pay for sales",
        )
    return ONE - cogs


def check_gross_margin(margin: Decimal) -> Decimal:
    if not MIN_MARGIN <= margin < ONE:
        raise QuotaInputError(
            "margin",
            f"gross margin {percent_text(margin)} must be from {percent_text(MIN_MARGIN)} "
            "to below 100 %",
        )
    return margin


def industrial_quota(
    *, rep_cost: Decimal, support: Sequence[Support], extra: Decimal, gross_margin: Decimal
) -> IndustrialQuota:
    """quota = (pure cost + extra) / margin; break-even = pure cost / margin."""
    require_money("cost per person", rep_cost, positive=True)
    for item in support:
        require_between(f"{item.role} count", item.count, ZERO, MAX_PEOPLE, "people per rep")
        require_money(f"{item.role} cost", item.cost_each)
    require_money("extra", extra)
    if extra <= ZERO:
        raise QuotaInputError(
            "extra",
            "must be more than 0: it is the management overhead plus margin and risk, "
            "so the quota must be above the break-even (pure cost / margin)",
        )
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
MAX_GRID_MULTIPLIER = Decimal(10)  # the same bound as employee_cost.MAX_MULTIPLIER


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
    require_money("salary", salary, positive=True)
    for multiplier in multipliers:
        require_between("multiplier", multiplier, ONE, MAX_GRID_MULTIPLIER, "cost / salary")
    for unit in units:
        require_between("units", unit, ZERO, MAX_UNITS, "units of employee cost")
    values = tuple(tuple(salary * m * u for u in units) for m in multipliers)
    return Grid("multiplier", "units", tuple(multipliers), tuple(units), values)


def industrial_grid(
    pure_cost: Decimal, margins: Sequence[Decimal], extras: Sequence[Decimal]
) -> Grid:
    """Industrial quota for each gross margin (rows) × extra amount (columns)."""
    require_money("pure cost", pure_cost)
    for margin in margins:
        check_gross_margin(margin)
    for extra in extras:
        require_money("extra", extra)
    values = tuple(tuple((pure_cost + e) / m for e in extras) for m in margins)
    return Grid("gross margin", "extra", tuple(margins), tuple(extras), values)


# --- ramp and headcount -------------------------------------------------------------------


def first_year_quota(quota: Decimal, ramp: Sequence[Decimal], months: int = 12) -> Decimal:
    """Expected first-year quota of a new hire: monthly quota × ramp share, full after the ramp."""
    require_money("quota", quota)
    if len(ramp) > months:
        raise QuotaInputError("ramp", f"has {len(ramp)} months; at most {months}")
    for share in ramp:
        if not ZERO <= share <= ONE:
            raise QuotaInputError(
                "ramp", f"{percent_text(share)} in a month must be from 0 % to 100 %"
            )
    shares = list(ramp) + [ONE] * (months - len(ramp))
    return quota / Decimal(months) * sum(shares, ZERO)


MAX_ATTAINMENT = Decimal(3)


@dataclass(frozen=True)
class Headcount:
    exact: Decimal
    people: int


def headcount_needed(target: Decimal, quota: Decimal, attainment: Decimal) -> Headcount:
    """Reps needed for a revenue target when each makes `attainment` of their quota."""
    require_money("target", target)
    require_money("quota", quota, positive=True)
    if not ZERO < attainment <= MAX_ATTAINMENT:
        raise QuotaInputError(
            "attainment",
            f"{percent_text(attainment)} of quota must be above 0 % and at most "
            f"{percent_text(MAX_ATTAINMENT)}",
        )
    exact = target / (quota * attainment)
    return Headcount(exact, math.ceil(exact))
