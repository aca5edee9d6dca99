"""The weekly chart spec: one spec for pages and exports, data inline, fixed category order."""

from __future__ import annotations

from pillars.exporters.chart import CATEGORY_ORDER, chart_rows, weekly_chart_spec, weekly_chart_svg

from .samples import sample_report

ROWS = [{"week": "2026-W46", "proactive": 10, "reactive": 5, "internal": 8, "unlogged": 17}]


def test_chart_rows_hold_hours_per_category() -> None:
    assert chart_rows(sample_report().weeks)[0] == {
        "week": "2026-W46",
        "proactive": 2.0,
        "reactive": 0.0,
        "internal": 0.0,
        "unlogged": 38.0,
    }


def test_spec_is_a_stacked_bar_with_inline_data() -> None:
    spec = weekly_chart_spec(ROWS)
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["stack"] == "zero"
    assert [v["category"] for v in spec["data"]["values"]] == list(CATEGORY_ORDER)


def test_spec_keeps_the_category_colours_in_order() -> None:
    scale = weekly_chart_spec(ROWS)["encoding"]["color"]["scale"]
    assert scale["domain"] == ["proactive", "reactive", "internal", "unlogged"]


def test_missing_category_counts_as_zero() -> None:
    values = weekly_chart_spec([{"week": "2026-W46", "proactive": 3}])["data"]["values"]
    assert [v["hours"] for v in values] == [3.0, 0.0, 0.0, 0.0]


def test_svg_renders_offline_with_the_week_labels() -> None:
    svg = weekly_chart_svg(ROWS)
    assert svg.startswith("<svg") and "2026-W46" in svg
