"""CRM activity exports and calendar CSVs (CSV, TSV, XLSX) -> Activity records.

The layout is detected from the header (or forced, or given as a column mapping) before any
row is read, so a wrong file fails whole; then rows stream one at a time and each bad row is
logged and skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from pillars.domain.records import Activity
from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.profiles import (
    ACTIVITIES,
    Profile,
    load_profiles,
    match_layout,
    norm,
    profile_from_mapping,
)
from pillars.importers.rows import RowPlan
from pillars.importers.textfile import (
    Row,
    TextFormat,
    detect_format,
    iter_rows,
    open_lines,
    read_head,
    sample_rows,
)
from pillars.importers.timing import CellProblem, TimingPlan
from pillars.importers.values import DMY, MDY, ORDER_WORDS, decide_order, has_slashed_dates
from pillars.importers.xlsxfile import XLSX_MAGIC, iter_xlsx_rows

SAMPLE_ROWS = 2000


def known_layouts() -> list[str]:
    """Names of every bundled layout (activity layouts and the account/deal ones it recognises)."""
    return sorted(load_profiles())


def detect_layout(header: list[str]) -> str:
    """The layout whose signature columns the header holds; ImportFileError naming known ones."""
    return _detect(header, "file").name


def _detect(header: list[str], name: str) -> Profile:
    profile, closest, missing = match_layout(header)
    if profile is not None:
        return profile
    if closest is not None:
        raise ImportFileError(
            name,
            f"looks like {closest.title} ({closest.name}) but lacks the columns "
            f"{', '.join(repr(c) for c in missing)}",
            column=missing[0],
        )
    raise ImportFileError(
        name,
        "unknown column layout; known layouts: "
        + ", ".join(known_layouts())
        + " (or give a column mapping)",
        line=1,
    )


@dataclass
class _Source:
    """Where rows come from, and what detection found in the head."""

    source: Path | bytes
    name: str
    fmt: TextFormat | None  # None for .xlsx
    header: Row
    sample: list[Row]

    def rows(self, log: ReadLog) -> Iterator[Row]:
        def on_error(line: int, message: str) -> None:
            log.error(line, None, message)

        def on_warning(line: int, message: str) -> None:
            log.warning(line, None, message)

        if self.fmt is None:
            return iter_xlsx_rows(self.source, self.name)
        lines = open_lines(self.source, self.fmt.encoding, on_warning)
        return iter_rows(lines, self.fmt, on_error)


def _open(source: Path | bytes, name: str) -> _Source:
    head = read_head(source)
    if head.startswith(XLSX_MAGIC):
        sample = list(itertools.islice(iter_xlsx_rows(source, name), SAMPLE_ROWS))
        fmt = None
    else:
        fmt = detect_format(head, name)
        sample = sample_rows(head, fmt, SAMPLE_ROWS)
    content = [row for row in sample if any(c.strip() for c in row.cells)]
    if not content:
        raise ImportFileError(name, "the file is empty: no header row")
    return _Source(source, name, fmt, content[0], content[1:])


def _choose_profile(options: ReadOptions, header: list[str], name: str) -> Profile:
    if options.mapping:
        profile = profile_from_mapping(options.mapping)
    elif options.layout:
        profiles = load_profiles()
        if options.layout not in profiles:
            raise ImportFileError(
                name, f"unknown layout {options.layout!r}; known: {', '.join(known_layouts())}"
            )
        profile = profiles[options.layout]
    else:
        profile = _detect(header, name)
    if profile.records != ACTIVITIES:
        raise ImportFileError(
            name,
            f"this looks like an accounts/deals export, not activities ({profile.title}); "
            "import it as accounts or deals",
        )
    present = {norm(h) for h in header}
    missing = [c for c in profile.required if norm(c) not in present]
    if missing:
        raise ImportFileError(
            name,
            f"the {profile.name} layout needs the columns {', '.join(repr(c) for c in missing)}",
            line=1,
            column=missing[0],
        )
    return profile


def _date_orders(
    profile: Profile, src: _Source, options: ReadOptions, log: ReadLog
) -> dict[int, str]:
    """Day/month order per date column, proven by the column's sampled values where possible."""
    header = src.header.cells
    probe = TimingPlan(profile, header, {}, options.tz)
    fallback = profile.date_order or (DMY if src.fmt and src.fmt.delimiter == ";" else MDY)
    orders: dict[int, str] = {}
    for i in probe.date_columns():
        values = [row.cells[i] for row in src.sample if i < len(row.cells)]
        order, conflict = decide_order(values)
        orders[i] = order or fallback
        if conflict:
            message = "dates are written both day-first and month-first"
        elif order is None and has_slashed_dates(values):
            message = "no date proves whether days or months come first"
        else:
            continue
        log.warning(None, header[i], f"{message}; read as {ORDER_WORDS[orders[i]]}")
    return orders


def read_table(
    source: Path | bytes, options: ReadOptions, log: ReadLog, name: str | None = None
) -> Iterator[Activity]:
    """Activities of a CRM or calendar table that touch options.window; bad rows go to log.

    Raises ImportFileError (before anything is yielded) for an empty, binary, unknown or
    incomplete file, or an accounts/deals export.
    """
    label = name or (source.name if isinstance(source, Path) else log.file)
    src = _open(source, label)
    profile = _choose_profile(options, src.header.cells, label)
    orders = _date_orders(profile, src, options, log)
    plan = RowPlan(profile, src.header.cells, orders, options.tz)
    if not plan.timing.has_any():
        raise ImportFileError(label, f"the {profile.name} layout found no date column", line=1)
    return _stream(src, plan, options, log)


def _stream(src: _Source, plan: RowPlan, options: ReadOptions, log: ReadLog) -> Iterator[Activity]:
    # Compared in UTC: aware datetimes in one zone compare without per-row offset lookups.
    window_start, window_end = (moment.astimezone(UTC) for moment in options.window)
    width, header_line = plan.width, src.header.line
    stop_at_blank = plan.profile.stop_at_blank
    for line, cells in src.rows(log):
        if line <= header_line:
            continue
        if not cells or (not cells[0].strip() and not any(c.strip() for c in cells)):
            if stop_at_blank:
                break
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        if plan.skips and plan.skipped(cells):
            continue
        try:
            activity = plan.build(cells, line)
        except CellProblem as problem:
            message = f"expected {problem.expected}, got '{shown(problem.value)}'"
            log.error(line, problem.column, message, shown(plan.first(cells, "id")))
            continue
        if activity is None:
            message = "no date or time: not a time entry, skipped"
            log.warning(line, None, message, shown(plan.first(cells, "id")))
        elif activity.start < window_end and (
            activity.end > window_start or activity.start == activity.end >= window_start
        ):
            yield activity
    _report_dated_only(plan, log)


def shown(value: str, limit: int = 80) -> str:
    """A cell as quoted in a message: hostile files can hold megabyte cells."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _report_dated_only(plan: RowPlan, log: ReadLog) -> None:
    count = plan.timing.dated_only_rows
    if count:
        log.warning(
            None,
            None,
            f"{count} row(s) of the file (every owner's) have a day but no time: placed from "
            f"{plan.profile.day_start} local time, one after another per owner and day",
        )
