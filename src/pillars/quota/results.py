"""What the calculator page shows for a computed scenario: rounded figures, table, chart, grid."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from pillars.domain.payout import PayoutPlan, payout_at, payout_curve
from pillars.domain.quota_scenario import Scenario
from pillars.exporters import quota_report as rep
from pillars.exporters.payout_chart import payout_chart_svg


def results(scenario: Scenario, try_revenue: Decimal | None) -> dict[str, Any]:
    """The page's figures, rounded for people (money whole, shares as fractions)."""
    plan = scenario.plan
    grid = scenario.grid()
    data: dict[str, Any] = {
        "kind": scenario.inputs.kind,
        "cost": rep.cost_to_dict(scenario.cost),
        "saas": rep.saas_to_dict(scenario.saas),
        "industrial": rep.industrial_to_dict(scenario.industrial),
        "plan": rep.plan_to_dict(plan),
        "table": rep.rows_to_list(scenario.table(), plan.variable),
        "first_year_quota": rep.money(scenario.first_year()),
        "grid": rep.grid_to_dict(grid),
        "grid_rows": _grid_rows(grid.rows, grid.values),
        "chart": payout_chart(plan),
    }
    if try_revenue is not None:
        data["try"] = {
            "revenue": rep.money(try_revenue),
            "payout": rep.money(payout_at(plan, try_revenue)),
        }
    return data


def _grid_rows(
    rows: tuple[Decimal, ...], values: tuple[tuple[Decimal, ...], ...]
) -> list[dict[str, Any]]:
    return [
        {"label": rep.ratio(r), "quotas": [rep.money(v) for v in line]}
        for r, line in zip(rows, values, strict=True)
    ]


def payout_chart(plan: PayoutPlan) -> SafeString:
    # Safe: the SVG holds only numbers and fixed labels, no user-typed text.
    return mark_safe(_svg(plan))


@lru_cache(maxsize=128)
def _svg(plan: PayoutPlan) -> str:
    # Rendering takes ~0.1 s; htmx recomputes on every keystroke pause with the same plan often.
    return payout_chart_svg(plan, payout_curve(plan))
