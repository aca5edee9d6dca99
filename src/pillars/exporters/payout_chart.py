"""The payout curve: one Vega-Lite spec (Altair), rendered offline to inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import vl_convert as vlc

from pillars.domain.payout import PayoutPlan, PayoutRow
from pillars.exporters.chart import _inline_data


def payout_chart_spec(
    plan: PayoutPlan, rows: Sequence[PayoutRow], *, width: int = 520
) -> dict[str, Any]:
    """Payout (line) against revenue, with rules at the threshold and at quota."""
    values = [{"revenue": float(r.revenue), "payout": float(r.payout)} for r in rows]
    marks = [
        {"revenue": float(plan.threshold), "mark": "threshold"},
        {"revenue": float(plan.quota), "mark": "quota"},
    ]
    x = alt.X("revenue:Q", title="revenue", axis=alt.Axis(format="~s"))
    line = (
        alt.Chart(alt.InlineData(values=values))
        .mark_line(point=True, color="#1f6feb")
        .encode(x=x, y=alt.Y("payout:Q", title="variable pay", axis=alt.Axis(format="~s")))
    )
    rules = (
        alt.Chart(alt.InlineData(values=marks))
        .mark_rule(strokeDash=[4, 4], color="#616e7c")
        .encode(x=x, tooltip=["mark:N", alt.Tooltip("revenue:Q", format=",.0f")])
    )
    chart = alt.layer(line, rules).properties(width=width, height=220)
    return _inline_data(chart.to_dict())


def payout_chart_svg(plan: PayoutPlan, rows: Sequence[PayoutRow], *, width: int = 520) -> str:
    svg: str = vlc.vegalite_to_svg(payout_chart_spec(plan, rows, width=width))
    return svg
