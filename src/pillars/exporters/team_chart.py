"""The team dashboard's charts: small multiples, one panel per person (or team), as SVG.

- Proactive share week by week, with the target as a dashed line and weeks below it in red:
  a manager sees in a glance who is under target and whether it is getting better.
- Hours by category week by week, stacked as on a person's page.

Names are data, not markup: the renderer escapes them in the SVG text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import vl_convert as vlc

from pillars.exporters.chart import CATEGORY_ORDER, _inline_data, category_colour

BELOW, ON = "#b00020", "#2e7d32"


def share_rows(units: Sequence[tuple[str, Sequence[Any]]]) -> list[dict[str, Any]]:
    """(name, weeks) -> rows {name, week, share, target (share or None), below (bool)}."""
    rows = []
    for name, weeks in units:
        for week in weeks:
            target = week.target.value if week.target and week.target.kind == "share" else None
            if week.target and week.target.kind == "hours" and week.available_hours > 0:
                target = week.target.target_hours / week.available_hours
            share = week.shares["proactive"]
            rows.append(
                {
                    "name": name,
                    "week": week.week,
                    "share": round(float(share), 4),
                    "target": None if target is None else round(float(target), 4),
                    "below": bool(week.target and week.target.met is False),
                }
            )
    return rows


def hours_rows(units: Sequence[tuple[str, Sequence[Any]]]) -> list[dict[str, Any]]:
    """(name, weeks) -> rows {name, week, category, hours, order} for stacked bars."""
    return [
        {
            "name": name,
            "week": week.week,
            "category": category,
            "hours": round(float(week.hours[category]), 2),
            "order": position,
        }
        for name, weeks in units
        for week in weeks
        for position, category in enumerate(CATEGORY_ORDER)
    ]


def _facet(names: Sequence[str], columns: int) -> dict[str, Any]:
    return {"facet": alt.Facet("name:N", title=None, sort=list(names)), "columns": columns}


def share_trend_spec(rows: Sequence[Mapping[str, Any]], *, columns: int = 2) -> dict[str, Any]:
    """A line of proactive share per week in one small panel per name, target dashed."""
    names = list(dict.fromkeys(row["name"] for row in rows))
    x = alt.X("week:N", sort=None, title=None, axis=alt.Axis(labels=False, ticks=False))
    base = alt.Chart().encode(x=x)
    line = base.mark_line(color="#616e7c").encode(
        y=alt.Y("share:Q", title=None, axis=alt.Axis(format="%", tickCount=3))
    )
    points = base.mark_point(filled=True, size=40).encode(
        y="share:Q",
        color=alt.Color(
            "below:N", scale=alt.Scale(domain=[True, False], range=[BELOW, ON]), legend=None
        ),
        tooltip=[
            "name:N",
            "week:N",
            alt.Tooltip("share:Q", format=".0%"),
            alt.Tooltip("target:Q", format=".0%"),
        ],
    )
    target = base.mark_line(strokeDash=[4, 3], color="#1f2933").encode(y="target:Q")
    chart = alt.layer(line, target, points, data=alt.InlineData(values=list(rows)))
    chart = chart.properties(width=190, height=80).facet(**_facet(names, columns))
    return _inline_data(chart.configure_view(stroke="#d9e2ec").to_dict())


def hours_spec(rows: Sequence[Mapping[str, Any]], *, columns: int = 2) -> dict[str, Any]:
    """Stacked hours by category per week, one small panel per name."""
    names = list(dict.fromkeys(row["name"] for row in rows))
    chart = (
        alt.Chart(alt.InlineData(values=list(rows)))
        .mark_bar()
        .encode(
            x=alt.X("week:N", sort=None, title=None, axis=alt.Axis(labels=False, ticks=False)),
            y=alt.Y("hours:Q", title=None, stack="zero", axis=alt.Axis(tickCount=3)),
            color=category_colour(orient="top"),
            order=alt.Order("order:Q"),
            tooltip=["name:N", "week:N", "category:N", alt.Tooltip("hours:Q", format=".1f")],
        )
        .properties(width=190, height=80)
        .facet(**_facet(names, columns))
    )
    return _inline_data(chart.configure_view(stroke="#d9e2ec").to_dict())


def to_svg(spec: dict[str, Any]) -> str:
    """Any of these specs as an SVG document, rendered offline."""
    svg: str = vlc.vegalite_to_svg(spec)
    return svg
