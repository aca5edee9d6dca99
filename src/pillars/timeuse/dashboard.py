"""The team dashboard's content: one unit per person (a team) or per team (the organisation).

A unit is a name, a link, its weekly report and trend; the total is the same shape. The
charts are drawn from these units, and the table shows the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from pillars.domain.team_totals import combined_report, share_trend
from pillars.domain.timeuse import PersonReport, report_of_weeks
from pillars.exporters.chart import chart_rows, weekly_chart_svg
from pillars.exporters.shares import target_label
from pillars.exporters.team_chart import (
    hours_rows,
    hours_spec,
    share_rows,
    share_trend_spec,
    to_svg,
)
from pillars.teams.models import Team
from pillars.timeuse.queries import PersonTime

DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class Unit:
    name: str
    url: str
    report: PersonReport
    target_label: str
    trend: float | None
    has_data: bool = True  # False: no entry at all in the window (left out of the totals)


@dataclass(frozen=True)
class Dashboard:
    title: str
    units: list[Unit]
    total: Unit
    share_chart: SafeString | None
    hours_chart: SafeString | None
    total_chart: SafeString | None


def team_dashboard(team: Team, people_time: Sequence[PersonTime], query: str) -> Dashboard:
    """A team: one unit per person (linking to their page), the team's total first."""
    units = [
        _unit(
            pt.person.name,
            reverse("person", args=[pt.person.pk]) + query,
            pt.report,
            pt.target.label() if pt.target else "—",
        )
        for pt in people_time
    ]
    measured = [unit for unit in units if unit.has_data]
    total = _total(f"{team.name}: team total", measured)
    return _dashboard(team.name, units, total)


def from_first_data(
    people_time: Sequence[PersonTime], first: date
) -> tuple[list[PersonTime], date]:
    """The default window from the first week in which anyone shown has an entry: the weeks
    before the first import are not weeks of unlogged time. Read off the weekly figures
    (remembered), so finding it costs no query."""
    people_time = list(people_time)
    lead = min(
        (
            next(i for i, week in enumerate(pt.report.weeks) if week.has_entries)
            for pt in people_time
            if pt.report.total.has_entries
        ),
        default=0,
    )
    if lead == 0:
        return people_time, first
    trimmed = []
    for pt in people_time:
        weeks = pt.report.weeks[lead:]
        span = (weeks[0].start, pt.window[1])
        report = report_of_weeks(pt.report.person, weeks, span, pt.target, pt.person.weekly_hours)
        trimmed.append(replace(pt, window=span, report=report))
    return trimmed, trimmed[0].report.weeks[0].start.date()


def organisation_dashboard(
    organisation: str, teams: Sequence[Team], people_time: Sequence[PersonTime], query: str
) -> Dashboard:
    """Every team (linking to its dashboard) and the organisation's total."""
    by_team: dict[int, list[PersonReport]] = defaultdict(list)
    for pt in people_time:
        if pt.person.team_id is not None and has_data(pt.report):
            by_team[pt.person.team_id].append(pt.report)
    units = [
        _total(
            team.name,
            [],
            reports=by_team[team.pk],
            url=reverse("dashboard-team", args=[team.pk]) + query,
        )
        for team in teams
        if by_team[team.pk]
    ]
    total = _total(f"{organisation}: total", units)
    return _dashboard(organisation, units, total)


def has_data(report: PersonReport) -> bool:
    """Whether the person has any entry in the window. Without one, their export is missing:
    counting their whole contract as unlogged would drag the team's share down for a missing
    file, not for missing work."""
    return report.total.has_entries


def _unit(name: str, url: str, report: PersonReport, label: str) -> Unit:
    return Unit(name, url, report, label, share_trend(report.weeks), has_data(report))


def _total(
    name: str, units: Sequence[Unit], *, reports: Sequence[PersonReport] = (), url: str = ""
) -> Unit:
    report = combined_report(name, reports or [unit.report for unit in units])
    target = report.total.target
    if target is None:
        label = "—"
    else:
        label = target_label(target) if target.kind == "share" else f"{target.target_hours:.1f} h"
    return _unit(name, url, report, label)


def _dashboard(title: str, units: list[Unit], total: Unit) -> Dashboard:
    if not total.report.weeks:
        return Dashboard(title, units, total, None, None, None)
    shown = [unit for unit in units if unit.has_data]
    panels = _unique_names([(u.name, u.report.weeks) for u in (total, *shown)])
    share = tuple(tuple(sorted(row.items())) for row in share_rows(panels))
    hours = tuple(tuple(sorted(row.items())) for row in hours_rows(panels[1:]))
    weeks = tuple(tuple(sorted(row.items())) for row in chart_rows(total.report.weeks))
    # Safe: names are escaped by the SVG renderer; the rest are numbers and week labels.
    return Dashboard(
        title,
        units,
        total,
        mark_safe(_share_svg(share)),
        mark_safe(_hours_svg(hours)),
        mark_safe(_weekly_svg(weeks)),
    )


def _unique_names(panels: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:  # type: ignore[type-arg]
    """Two people with the same name get two panels, not one merged."""
    seen: dict[str, int] = {}
    result = []
    for name, weeks in panels:
        seen[name] = seen.get(name, 0) + 1
        result.append((name if seen[name] == 1 else f"{name} ({seen[name]})", weeks))
    return result


@lru_cache(maxsize=64)
def _share_svg(rows: tuple[tuple[tuple[str, object], ...], ...]) -> str:
    # Rendering takes a few hundred ms; the same weeks are drawn again on every visit.
    return to_svg(share_trend_spec([dict(row) for row in rows]))


@lru_cache(maxsize=64)
def _weekly_svg(rows: tuple[tuple[tuple[str, object], ...], ...]) -> str:
    return weekly_chart_svg([dict(row) for row in rows], height=180)


@lru_cache(maxsize=64)
def _hours_svg(rows: tuple[tuple[tuple[str, object], ...], ...]) -> str:
    return to_svg(hours_spec([dict(row) for row in rows]))
