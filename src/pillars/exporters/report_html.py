"""The time report as ONE self-contained HTML file: inline CSS and SVG, no script, no CDN.

Every text a user or a source file wrote (e-mails, summaries, rule names, warnings) goes
through `html.escape`; the SVG comes from our own chart spec, which holds no user text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, tzinfo
from html import escape

from pillars.domain.records import Classified, RowError
from pillars.domain.timeuse import REPORT_CATEGORIES, PersonReport, WeekReport
from pillars.exporters.chart import CATEGORY_COLOURS, chart_rows, weekly_chart_svg
from pillars.exporters.shares import beside_target, percent_text, target_label, whole_percents

PRIVATE_SUMMARY = "(private)"


def summary_for(summary: str, private: bool, *, hide_private: bool) -> str:
    """An entry's subject as shown: "(private)" for a private entry when it is to be hidden
    (a report to hand around, or a viewer who is not the entry's person)."""
    return PRIVATE_SUMMARY if hide_private and private else summary


_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #212121; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #e0e0e0; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
tr.total td { font-weight: 600; border-top: 2px solid #9e9e9e; }
.warnings { background: #fff8e1; border-left: 4px solid #ffb300; padding: .5rem 1rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
.met-yes { color: #2e7d32; } .met-no { color: #c62828; }
figure { margin: 1rem 0; overflow-x: auto; }
"""


def report_to_html(
    people_reports: Sequence[PersonReport],
    warnings: Iterable[str | RowError] = (),
    *,
    title: str = "Proactive time report",
    entries: Mapping[str, Sequence[Classified]] | None = None,
    tz: tzinfo = UTC,
) -> str:
    """The report page: per person a stacked weekly chart and the same numbers as a table.

    `entries` (person -> classified entries) adds a collapsible list showing each entry's
    category and the rule that set it; times are shown in `tz`. Private summaries are hidden.
    """
    sections = [
        _person_section(report, (entries or {}).get(report.person, ()), tz)
        for report in people_reports
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{_warnings(warnings)}{''.join(sections)}</body>\n</html>\n"
    )


def _warnings(warnings: Iterable[str | RowError]) -> str:
    items = "".join(f"<li>{escape(str(w))}</li>" for w in warnings)
    return (
        f'<section class="warnings"><h2>Warnings</h2><ul>{items}</ul></section>\n' if items else ""
    )


def _person_section(report: PersonReport, entries: Sequence[Classified], tz: tzinfo) -> str:
    svg = weekly_chart_svg(chart_rows(report.weeks)) if report.weeks else ""
    return (
        f'<section class="person">\n<h2>{escape(report.person)}</h2>\n'
        f'<figure role="img" aria-label="Hours per week by category">{svg}</figure>\n'
        f"{_weeks_table(report)}{_entries_table(entries, tz)}</section>\n"
    )


def _weeks_table(report: PersonReport) -> str:
    heads = "".join(
        f'<th><span class="swatch" style="background:{CATEGORY_COLOURS[c.value]}"></span>'
        f"{c.value} h</th><th>%</th>"
        for c in REPORT_CATEGORIES
    )
    header = f"<tr><th>Week</th><th>Available h</th>{heads}<th>Merged min</th><th>Target</th></tr>"
    rows = "".join(_week_row(w) for w in report.weeks) + _week_row(report.total, total=True)
    return f"<table>\n<thead>{header}</thead>\n<tbody>{rows}</tbody>\n</table>\n"


def _week_row(week: WeekReport, *, total: bool = False) -> str:
    percents = whole_percents(week.shares)
    cells = "".join(
        f"<td>{week.hours[c]:.2f}</td><td>{percents[c]}%</td>" for c in REPORT_CATEGORIES
    )
    css = ' class="total"' if total else ""
    return (
        f"<tr{css}><td>{'Total' if total else escape(week.week)}</td><td>{week.available_hours:.2f}</td>{cells}"
        f"<td>{week.merged_minutes:.0f}</td><td>{_target_cell(week)}</td></tr>\n"
    )


def _target_cell(week: WeekReport) -> str:
    target = week.target
    if target is None:
        return ""
    wanted = target_label(target) if target.kind == "share" else f"{target.target_hours:.1f} h"
    got = (
        percent_text(beside_target(week))
        if target.kind == "share"
        else f"{target.proactive_hours:.1f} h"
    )
    if target.met is None:
        return f"{got} of {wanted} (no available hours)"
    verdict = "met" if target.met else "missed"
    return f'<span class="met-{"yes" if target.met else "no"}">{got} of {wanted}: {verdict}</span>'


def _entries_table(entries: Sequence[Classified], tz: tzinfo) -> str:
    if not entries:
        return ""
    rows = "".join(
        "<tr>"
        f"<td>{c.activity.start.astimezone(tz):%Y-%m-%d %H:%M}</td>"
        f"<td>{c.activity.end.astimezone(tz):%H:%M}</td>"
        f'<td class="text">{escape(c.category.value)}</td>'
        f'<td class="text">{escape(c.rule)}</td>'
        f'<td class="text">{escape(summary_for(c.activity.summary, c.activity.private, hide_private=True))}</td>'
        f'<td class="text">{escape(c.activity.source)}</td>'
        "</tr>\n"
        for c in entries
    )
    header = "<tr><th>Start</th><th>End</th><th>Category</th><th>Why</th><th>Summary</th><th>Source</th></tr>"
    return (
        f"<details><summary>Entries ({len(entries)})</summary>\n"
        f"<table>\n<thead>{header}</thead>\n<tbody>{rows}</tbody>\n</table>\n</details>\n"
    )
