"""The weekly time chart: one Vega-Lite spec for web pages and exported reports.

The spec is built with Altair and carries its data inline; `weekly_chart_svg` renders it
offline with vl-convert, so an exported report needs no browser and no network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import altair as alt
import vl_convert as vlc

from pillars.domain.records import Category
from pillars.domain.timeuse import REPORT_CATEGORIES, WeekReport

CATEGORY_ORDER: tuple[str, ...] = tuple(c.value for c in REPORT_CATEGORIES)
CATEGORY_COLOURS: Mapping[str, str] = {
    Category.PROACTIVE.value: "#2e7d32",
    Category.REACTIVE.value: "#e65100",
    Category.INTERNAL.value: "#1565c0",
    Category.UNLOGGED.value: "#bdbdbd",
}


def chart_rows(weeks: Iterable[WeekReport]) -> list[dict[str, Any]]:
    """One row per week: {'week': '2026-W46', 'proactive': hours, ..., 'unlogged': hours}."""
    return [
        {"week": w.week, **{c.value: round(w.hours[c], 2) for c in REPORT_CATEGORIES}}
        for w in weeks
    ]


def weekly_chart_spec(
    rows: Sequence[Mapping[str, Any]], *, width: int | None = None, height: int = 240
) -> dict[str, Any]:
    """A stacked bar per week (proactive, reactive, internal, unlogged hours), data inline.

    `rows` as `chart_rows` gives them; a missing category counts as 0 hours. Without a
    `width` each week gets a fixed-width slot, so two weeks do not draw two huge bars.
    """
    values = [
        {
            "week": str(row["week"]),
            "category": category,
            "hours": round(float(row.get(category, 0) or 0), 2),
            "order": position,
        }
        for row in rows
        for position, category in enumerate(CATEGORY_ORDER)
    ]
    chart = (
        alt.Chart(alt.InlineData(values=values))
        .mark_bar()
        .encode(
            x=alt.X("week:N", title="ISO week", sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("hours:Q", title="hours", stack="zero"),
            color=category_colour(),
            order=alt.Order("order:Q"),
            tooltip=["week:N", "category:N", alt.Tooltip("hours:Q", format=".2f")],
        )
        .properties(width=alt.Step(56) if width is None else width, height=height)
    )
    return _inline_data(chart.to_dict())


def _inline_data(spec: dict[str, Any]) -> dict[str, Any]:
    """Put the rows back under data.values: Altair moves them to a hashed top-level dataset."""
    datasets = spec.pop("datasets", {})
    name = spec.get("data", {}).get("name")
    if name in datasets:
        spec["data"] = {"values": datasets.pop(name)}
    if datasets:
        spec["datasets"] = datasets
    return spec


def weekly_chart_svg(
    rows: Sequence[Mapping[str, Any]], *, width: int | None = None, height: int = 240
) -> str:
    """The weekly chart as an inline SVG document (rendered offline)."""
    svg: str = vlc.vegalite_to_svg(weekly_chart_spec(rows, width=width, height=height))
    return svg


def category_colour(**legend: Any) -> alt.Color:
    """The four categories in their order and colours, the same in every chart."""
    return alt.Color(
        "category:N",
        title=None,
        scale=alt.Scale(
            domain=list(CATEGORY_ORDER), range=[CATEGORY_COLOURS[c] for c in CATEGORY_ORDER]
        ),
        sort=list(CATEGORY_ORDER),
        **({"legend": alt.Legend(**legend)} if legend else {}),
    )
