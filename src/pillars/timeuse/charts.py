"""The weekly stacked chart of a person page, as inline SVG (no script, no CDN)."""

from __future__ import annotations

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from pillars.exporters.chart import chart_rows, weekly_chart_svg
from pillars.timeuse.queries import PersonTime


def weekly_chart(time: PersonTime) -> SafeString | None:
    """The exporter's SVG of the person's weeks; None when there is nothing to draw."""
    if not time.report.weeks:
        return None
    rows = tuple(tuple(sorted(row.items())) for row in chart_rows(time.report.weeks))
    # Safe: the SVG holds only week labels, category names and numbers, no user-typed text.
    return mark_safe(_svg(rows))


@lru_cache(maxsize=256)
def _svg(rows: tuple[tuple[tuple[str, object], ...], ...]) -> str:
    # Rendering takes ~0.1 s; the same weeks are drawn again on every visit.
    return weekly_chart_svg([dict(row) for row in rows])
