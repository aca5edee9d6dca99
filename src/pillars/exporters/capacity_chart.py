"""The capacity chart: needed vs measured proactive hours a week, per person (Vega-Lite)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import vl_convert as vlc

from pillars.exporters.chart import _inline_data

SERIES = ("needed", "measured")
COLOURS = ("#c62828", "#2e7d32")


def capacity_chart_spec(rows: Sequence[Mapping[str, Any]], *, height: int = 220) -> dict[str, Any]:
    """Grouped bars: for each row {'person', 'needed', 'measured'} hours a week."""
    values = [
        {"person": str(row["person"]), "series": series, "hours": round(float(row[series]), 2)}
        for row in rows
        for series in SERIES
    ]
    chart = (
        alt.Chart(alt.InlineData(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("person:N", title=None, sort=None),
            yOffset=alt.YOffset("series:N", sort=list(SERIES)),
            x=alt.X("hours:Q", title="proactive hours a week"),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=list(SERIES), range=list(COLOURS)),
                sort=list(SERIES),
            ),
            tooltip=["person:N", "series:N", alt.Tooltip("hours:Q", format=".2f")],
        )
        .properties(width=420, height=alt.Step(18) if len(rows) > 1 else height // 4)
    )
    return _inline_data(chart.to_dict())


def capacity_chart_svg(rows: Sequence[Mapping[str, Any]]) -> str:
    """The capacity chart as an inline SVG document (rendered offline)."""
    svg: str = vlc.vegalite_to_svg(capacity_chart_spec(rows))
    return svg
