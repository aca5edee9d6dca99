"""Quota figures as JSON-ready dicts with stable keys (the CLI's `--format json`, the page).

Key names are a contract: add keys, never rename. Money is rounded half up to whole
currency units, shares and ratios to 4 decimals; both as JSON numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pillars.domain.employee_cost import EmployeeCost
from pillars.domain.payout import PayoutPlan, PayoutRow
from pillars.domain.quota import Grid, IndustrialQuota, SaasQuota
from pillars.domain.quota_values import places, whole


def money(value: Decimal) -> int:
    return int(whole(value))


def ratio(value: Decimal, digits: int = 4) -> float:
    # A JSON number; the Decimal is rounded first, so no binary noise reaches the output.
    return float(places(value, digits))


def cost_to_dict(cost: EmployeeCost) -> dict[str, Any]:
    return {
        "salary": money(cost.salary),
        "charges": money(cost.charges),
        "other_costs": money(cost.other_costs),
        "total_cost": money(cost.total),
        "multiplier": ratio(cost.multiplier, 3),
        "basis": {"kind": cost.basis[0], "value": cost.basis[1]},
        "lines": [{"name": name, "amount": money(amount)} for name, amount in cost.lines],
    }


def saas_to_dict(result: SaasQuota) -> dict[str, Any]:
    units = result.units
    return {
        "salary": money(result.cost.salary),
        "multiplier": ratio(result.cost.multiplier, 3),
        "total_cost": money(result.cost.total),
        "units": {
            "own": ratio(units.own),
            "direct": ratio(units.direct),
            "overhead": ratio(units.overhead),
            "margin_risk": ratio(units.margin_risk),
            "total": ratio(units.total),
        },
        "quota": money(result.quota),
        "break_even": money(result.break_even),
        "quota_per_salary": ratio(result.quota_per_salary),
        "quota_per_cost": ratio(result.quota_per_cost),
        "in_company_range": result.in_company_range,
    }


def industrial_to_dict(result: IndustrialQuota) -> dict[str, Any]:
    return {
        "cost_per_person": money(result.rep_cost),
        "support": [
            {"role": s.role, "count": ratio(s.count), "cost_each": money(s.cost_each)}
            for s in result.support
        ],
        "cogs": ratio(result.cogs),
        "gross_margin": ratio(result.gross_margin),
        "pure_cost": money(result.pure_cost),
        "extra": money(result.extra),
        "total_cost": money(result.total_cost),
        "quota": money(result.quota),
        "break_even": money(result.break_even),
        "quota_per_break_even": ratio(result.quota_per_break_even),
    }


def plan_to_dict(plan: PayoutPlan) -> dict[str, Any]:
    return {
        "threshold": money(plan.threshold),
        "quota": money(plan.quota),
        "variable": money(plan.variable),
        "accelerator": ratio(plan.accelerator),
        "cap": None if plan.cap is None else ratio(plan.cap),
        "tiers": [
            {"attainment": ratio(t.attainment), "payout": ratio(t.payout)} for t in plan.tiers
        ],
    }


def rows_to_list(rows: Sequence[PayoutRow], variable: Decimal) -> list[dict[str, Any]]:
    return [
        {
            "attainment": ratio(row.attainment),
            "revenue": money(row.revenue),
            "payout": money(row.payout),
            "share_of_variable": ratio(row.share_of_variable(variable)),
        }
        for row in rows
    ]


def grid_to_dict(grid: Grid) -> dict[str, Any]:
    return {
        "rows_are": grid.row_label,
        "columns_are": grid.column_label,
        "rows": [ratio(r) for r in grid.rows],
        "columns": [ratio(c) if c < 100 else money(c) for c in grid.columns],
        "quotas": [[money(v) for v in line] for line in grid.values],
    }
