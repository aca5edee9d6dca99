"""Print or write a report or an entry listing in the format asked for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich import box
from rich.table import Table
from rich.text import Text

from pillars.cli.common import (
    Format,
    dump_json,
    err_console,
    write_output,
    write_tables,
)
from pillars.domain.attendance import OUT_OF_OFFICE_REASON
from pillars.domain.records import Activity, Category, Classified
from pillars.domain.timeuse import PersonReport, WeekReport
from pillars.exporters.report import (
    entries_dict_to_csv,
    entries_to_dict,
    report_to_csv,
    report_to_dict,
)
from pillars.exporters.report_html import report_to_html
from pillars.exporters.shares import beside_target, percent_text
from pillars.pipeline import Analysis

CATEGORY_STYLE = {
    Category.PROACTIVE: "green",
    Category.REACTIVE: "yellow",
    Category.INTERNAL: "blue",
    Category.UNLOGGED: "dim",
}


def render_report(
    reports: Sequence[PersonReport],
    warnings: list[str],
    fmt: Format,
    out: Path | None,
    tz: ZoneInfo,
) -> None:
    """The weekly report as a terminal table, JSON, CSV or one self-contained HTML file."""
    if fmt == Format.JSON:
        write_output(dump_json(report_to_dict(reports, warnings)), out)
    elif fmt == Format.CSV:
        write_output(report_to_csv(reports), out)
        _print_warnings(warnings)  # CSV has no place for them: stderr, as with the table
    elif fmt == Format.HTML:
        write_output(report_to_html(reports, warnings, title="Pillars: where the time goes"), out)
    else:
        tables = [_report_table(person_report) for person_report in reports]
        if len(reports) > 1:
            tables.append(_team_table(reports))
        write_tables(tables, out)
        _print_warnings(warnings)


def _report_table(report: PersonReport) -> Table:
    table = Table(
        title=f"{report.person}: hours per ISO week",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    table.add_column("week", no_wrap=True)
    table.add_column("avail", justify="right", no_wrap=True)
    for category in CATEGORY_STYLE:
        table.add_column(
            category.value, justify="right", style=CATEGORY_STYLE[category], no_wrap=True
        )
    table.add_column("proactive %", justify="right", no_wrap=True)
    table.add_column("merged", justify="right", no_wrap=True)
    table.add_column("target", no_wrap=True)
    for week in (*report.weeks, report.total):
        table.add_row(
            *_week_cells(week), end_section=week is report.weeks[-1] if report.weeks else False
        )
    return table


def _team_table(reports: Sequence[PersonReport]) -> Table:
    """One row per person over the whole window: the five-second read for a manager."""
    table = Table(title="Team over the window", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("person", no_wrap=True)
    table.add_column("avail", justify="right", no_wrap=True)
    for category in CATEGORY_STYLE:
        table.add_column(
            category.value, justify="right", style=CATEGORY_STYLE[category], no_wrap=True
        )
    table.add_column("proactive %", justify="right", no_wrap=True)
    table.add_column("merged", justify="right", no_wrap=True)
    table.add_column("target", no_wrap=True)
    domains = {report.person.rpartition("@")[2] for report in reports}
    for report in reports:
        # One shared domain says nothing: show the names before it to keep the table narrow.
        who = report.person.rpartition("@")[0] if len(domains) == 1 else report.person
        table.add_row(who or report.person, *_week_cells(report.total)[1:])
    return table


def _week_cells(week: WeekReport) -> list[str | Text]:
    cells: list[str | Text] = [week.week, f"{week.available_hours:.1f}"]
    for category in CATEGORY_STYLE:
        cells.append(f"{week.hours[category]:.1f}")
    cells.append(percent_text(beside_target(week)))
    cells.append(f"{week.merged_minutes:.0f}m")
    cells.append(_target_cell(week))
    return cells


def _target_cell(week: WeekReport) -> Text:
    result = week.target
    if result is None:
        return Text("no target", style="dim")
    label = f"{result.proactive_hours:.1f}/{result.target_hours:.1f}h"
    if result.met is None:
        return Text(f"- {label}", style="dim")
    return Text(f"{'✓' if result.met else '✗'} {label}", style="green" if result.met else "red")


def render_entries(
    analysis: Analysis, warnings: list[str], fmt: Format, out: Path | None, tz: ZoneInfo
) -> None:
    """Counted entries with category and rule, excluded ones with the reason; all-day
    absences are among the excluded (they carry no hours, they lower the available ones)."""
    away = [(entry, OUT_OF_OFFICE_REASON) for entry in analysis.out_of_office]
    render_entry_lists(analysis.counted, [*analysis.excluded, *away], warnings, fmt, out, tz)


def render_entry_lists(
    counted: Sequence[Classified],
    excluded: Sequence[tuple[Activity, str]],
    warnings: list[str],
    fmt: Format,
    out: Path | None,
    tz: ZoneInfo,
) -> None:
    """The entry listing of `time entries`, from files or from the database."""
    data = entries_to_dict(counted, excluded, warnings, tz=tz)
    if fmt == Format.JSON:
        write_output(dump_json(data), out)
        return
    if fmt == Format.CSV:
        write_output(entries_dict_to_csv(data), out)
        _print_warnings(warnings)
        return
    if fmt == Format.HTML:
        raise_unsupported(fmt)
    table = Table(title="Counted entries", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("day", "time", "category", "rule", "source", "summary"):
        table.add_column(column, overflow="fold", no_wrap=column in ("day", "time"))
    for row in data["entries"]:
        table.add_row(
            *_day_and_time(row),
            Text(row["category"], style=CATEGORY_STYLE[Category(row["category"])]),
            row["rule"],
            row["source"],
            Text(row["summary"]),
        )
    excluded = Table(title="Not counted", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("day", "time", "reason", "source", "summary"):
        excluded.add_column(column, overflow="fold", no_wrap=column in ("day", "time"))
    for row in data["excluded"]:
        excluded.add_row(*_day_and_time(row), row["reason"], row["source"], Text(row["summary"]))
    write_tables([table, excluded], out)
    _print_warnings(warnings)


def _day_and_time(row: dict[str, Any]) -> tuple[str, str]:
    """'Mon 2026-11-16' and '09:00-11:00' (or 'all day') from an entry's ISO values."""
    if row.get("all_day"):
        return str(row["start"]), "all day"
    start, end = datetime.fromisoformat(row["start"]), datetime.fromisoformat(row["end"])
    return start.strftime("%a %Y-%m-%d"), f"{start:%H:%M}-{end:%H:%M}"


def raise_unsupported(fmt: Format) -> None:
    from pillars.errors import ConfigError

    raise ConfigError(f"--format {fmt.value}: entries are listed as table, json or csv")


def _print_warnings(warnings: list[str]) -> None:
    for line in warnings:
        err_console.print(f"warning: {line}", markup=False, highlight=False, soft_wrap=True)
