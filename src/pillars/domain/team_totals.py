"""A team's (or the organisation's) weeks: its people's weekly reports added up.

Decisions:
- Weeks are matched by ISO label; each person's week was cut in their own zone, so the
  team's week is the sum of its people's weeks, whatever zone each one works in.
- Hours and available hours are summed; shares are of the sum (so a team's proactive share
  weighs each person by their hours, not each person equally).
- The team's target is the sum of its people's target hours for that week, shown as a share
  of the team's available hours; `met` when the team's proactive hours reach it. People
  without a target add hours but no target.
- The trend is the change in proactive share from the first half of the weeks to the second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from pillars.domain.records import LOGGED, Category
from pillars.domain.timeuse import TOTAL_LABEL, PersonReport, TargetResult, WeekReport, summarise

_EPSILON = 1e-9


def combined_report(label: str, reports: Sequence[PersonReport]) -> PersonReport:
    """The reports added up week by week (in first-seen week order), and their total."""
    labels: dict[str, list[WeekReport]] = {}
    for report in reports:
        for week in report.weeks:
            labels.setdefault(week.week, []).append(week)
    weeks = tuple(_sum_weeks(name, group) for name, group in labels.items())
    totals = [report.total for report in reports]
    total = _sum_weeks(TOTAL_LABEL, totals) if totals else _empty(TOTAL_LABEL)
    return PersonReport(label, weeks, total)


def share_trend(weeks: Sequence[WeekReport]) -> float | None:
    """Mean proactive share of the second half of the weeks minus the first half's.

    None with fewer than two weeks that have available hours: there is no trend to read.
    """
    shares = [w.shares[Category.PROACTIVE] for w in weeks if w.available_hours > _EPSILON]
    if len(shares) < 2:
        return None
    half = len(shares) // 2
    first, second = shares[:half], shares[len(shares) - half :]
    return sum(second) / len(second) - sum(first) / len(first)


def _sum_weeks(label: str, weeks: Sequence[WeekReport]) -> WeekReport:
    available = sum(w.available_hours for w in weeks)
    logged = {c: sum(w.hours[c] for w in weeks) for c in LOGGED}
    summed = summarise(
        label,
        (min(w.start for w in weeks), max(w.end for w in weeks)),
        available,
        logged,
        sum(w.merged_minutes for w in weeks),
        sum(w.out_of_office_days for w in weeks),
        None,
        0.0,
    )
    targets = [w.target for w in weeks if w.target is not None]
    if not targets:
        return summed
    target_hours = sum(t.target_hours for t in targets)
    proactive = summed.hours[Category.PROACTIVE]
    result = TargetResult(
        kind="share",
        value=target_hours / available if available > _EPSILON else 0.0,
        target_hours=target_hours,
        proactive_hours=proactive,
        proactive_share=summed.shares[Category.PROACTIVE],
        met=proactive >= target_hours - _EPSILON if available > _EPSILON else None,
    )
    return replace(summed, target=result)


def _empty(label: str) -> WeekReport:
    moment = datetime.min.replace(tzinfo=UTC)
    return summarise(label, (moment, moment), 0.0, dict.fromkeys(LOGGED, 0.0), 0.0, 0.0, None, 0)
