"""The capacity chart of the capacity pages, as inline SVG (no script, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from pillars.customers.capacity_queries import PersonCapacity
from pillars.exporters.capacity_chart import capacity_chart_svg


def capacity_chart(rows: Sequence[PersonCapacity]) -> SafeString | None:
    """Needed vs measured proactive hours a week per person; None when there is no one."""
    if not rows:
        return None
    key = tuple(
        (r.person.name, float(r.capacity.hours_per_week), float(r.proactive_hours)) for r in rows
    )
    return mark_safe(_svg(key))  # vl-convert escapes the names it writes


@lru_cache(maxsize=128)
def _svg(key: tuple[tuple[str, float, float], ...]) -> str:
    return capacity_chart_svg(
        [{"person": name, "needed": needed, "measured": measured} for name, needed, measured in key]
    )
