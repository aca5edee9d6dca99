"""Display helpers for the time pages: hours, percentages, a week's category rows."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import template

from pillars.domain.timeuse import REPORT_CATEGORIES, WeekReport
from pillars.exporters.report_html import summary_for
from pillars.exporters.shares import beside_target, percent_text, whole_percents

register = template.Library()


@register.filter
def hours(value: float | None) -> str:
    """8.25 -> '8.3 h'."""
    return "–" if value is None else f"{value:.1f} h"


@register.filter
def percent(value: float | None) -> str:
    """0.4 -> '40%'."""
    return "–" if value is None else f"{value * 100:.0f}%"


@register.filter
def category_rows(week: WeekReport) -> list[dict[str, Any]]:
    """(category, hours, share, width for the bar) of a week, in report order; the share
    rounded as in every other output (whole percents that add up to 100)."""
    percents = whole_percents(week.shares)
    return [
        {
            "category": str(category),
            "hours": week.hours[category],
            "share": percents[category] / 100,
            "width": round(week.shares[category] * 100, 1),
        }
        for category in REPORT_CATEGORIES
    ]


@register.filter
def target_percent(week: WeekReport) -> str:
    """The week's proactive share beside its target: never reads as meeting a missed one."""
    return percent_text(beside_target(week))


@register.filter
def shown_summary(row: Any, hide_private: bool) -> str:
    """An entry's subject, or "(private)" for a private one when the viewer is not its person."""
    return summary_for(row.summary, row.private, hide_private=hide_private) or "(no subject)"


@register.filter
def minutes(value: float) -> str:
    """A duration in minutes as '1 h 30 min'."""
    total = round(value)
    h, m = divmod(total, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


@register.filter
def get_week(entries: dict[str, Any], week: str) -> Any:
    """entries[week] in a template, [] when the week has none."""
    return entries.get(week, [])


@register.filter
def duration_to(start: Any, end: Any) -> float:
    """Minutes from start to end."""
    return (end - start).total_seconds() / 60


@register.filter
def last_moment(end: datetime) -> datetime:
    """The last second before an exclusive end: a week ending Monday 00:00 shows Sunday."""
    return end - timedelta(seconds=1)


@register.filter
def trend(value: float | None) -> str:
    """A change in share as points: 0.05 -> '↑ 5 pts', -0.02 -> '↓ 2 pts', None -> '–'."""
    if value is None:
        return "–"
    points = round(value * 100)
    if points == 0:
        return "→ 0 pts"
    return f"{'↑' if points > 0 else '↓'} {abs(points)} pts"
