"""One calculator scenario: the inputs a person types, and every figure that follows.

The CLI, the web page and the workbook all start from `ScenarioInputs`, so they agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pillars.domain.employee_cost import (
    EmployeeCost,
    cost_from_components,
    cost_from_multiplier,
    find_preset,
)
from pillars.domain.payout import (
    PayoutPlan,
    PayoutRow,
    Tier,
    make_plan,
    payout_curve,
    payout_table,
)
from pillars.domain.quota import (
    DEFAULT_MARGINS,
    Grid,
    IndustrialQuota,
    SaasQuota,
    SaasUnits,
    default_support,
    first_year_quota,
    gross_margin_from_cogs,
    industrial_grid,
    industrial_quota,
    saas_grid,
    saas_quota,
)
from pillars.domain.quota_values import ONE, QuotaInputError, whole

DEFAULT_RAMP = tuple(Decimal(p) / 100 for p in (0, 25, 50, 75, 100))


@dataclass(frozen=True)
class ScenarioInputs:
    """Defaults are the seed's worked examples (DOMAIN §2)."""

    salary: Decimal = Decimal(60000)
    multiplier: Decimal | None = Decimal("1.5")  # None: build the cost from components
    country: str = ""  # a preset code (SE, ES, DE, US) when the multiplier is None
    other_costs: Decimal = Decimal(0)
    units: SaasUnits = field(default_factory=SaasUnits)
    cost_per_person: Decimal | None = None  # None: the employee cost above
    presales: Decimal = ONE
    backoffice: Decimal = ONE
    extra: Decimal = Decimal(100000)
    cogs: Decimal = Decimal("0.65")
    kind: str = "industrial"  # whose quota the payout plan follows: saas | industrial
    variable: Decimal = Decimal(25000)
    threshold_share: Decimal | None = None  # None: payout starts at the break-even
    accelerator: Decimal = ONE
    cap: Decimal | None = None
    tiers: Sequence[Tier] = ()
    ramp: Sequence[Decimal] = DEFAULT_RAMP


@dataclass(frozen=True)
class Scenario:
    inputs: ScenarioInputs
    cost: EmployeeCost
    saas: SaasQuota
    industrial: IndustrialQuota
    saas_plan: PayoutPlan
    industrial_plan: PayoutPlan

    @property
    def plan(self) -> PayoutPlan:
        return self.saas_plan if self.inputs.kind == "saas" else self.industrial_plan

    @property
    def quota(self) -> Decimal:
        return self.plan.quota

    def table(self) -> list[PayoutRow]:
        return payout_table(self.plan)

    def curve(self) -> list[PayoutRow]:
        return payout_curve(self.plan)

    def first_year(self) -> Decimal:
        return first_year_quota(self.quota, self.inputs.ramp)

    def grid(self) -> Grid:
        if self.inputs.kind == "saas":
            return saas_grid(self.inputs.salary)
        step = self.industrial.rep_cost
        extras = [Decimal(0), step, 2 * step, 3 * step]
        return industrial_grid(self.industrial.pure_cost, DEFAULT_MARGINS, extras)


def employee_cost(inputs: ScenarioInputs) -> EmployeeCost:
    if inputs.multiplier is not None:
        return cost_from_multiplier(inputs.salary, inputs.multiplier)
    preset = find_preset(inputs.country) if inputs.country else None
    return cost_from_components(inputs.salary, preset, {"other loaded costs": inputs.other_costs})


def compute(inputs: ScenarioInputs) -> Scenario:
    """Every figure of the calculator; QuotaInputError names the first bad input."""
    if inputs.kind not in {"saas", "industrial"}:
        raise QuotaInputError("kind", f"expected saas or industrial, got {inputs.kind!r}")
    cost = employee_cost(inputs)
    saas = saas_quota(cost, inputs.units)
    per_person = inputs.cost_per_person if inputs.cost_per_person is not None else cost.total
    industrial = industrial_quota(
        rep_cost=per_person,
        support=default_support(per_person, inputs.presales, inputs.backoffice),
        extra=inputs.extra,
        gross_margin=gross_margin_from_cogs(inputs.cogs),
    )
    # A plan is announced in whole units (README: money half up), and `quota payout` is
    # typed with those figures: both start from the same rounded quota and break-even.
    plans = [
        make_plan(
            quota=whole(result.quota),
            break_even=whole(result.break_even),
            variable=inputs.variable,
            threshold_share=inputs.threshold_share,
            accelerator=inputs.accelerator,
            cap=inputs.cap,
            tiers=inputs.tiers,
        )
        for result in (saas, industrial)
    ]
    first_year_quota(saas.quota, inputs.ramp)  # checks the ramp early
    return Scenario(inputs, cost, saas, industrial, plans[0], plans[1])
