"""The time report and the classified entries as JSON-ready dicts and CSV text.

Key names are a contract (the CLI's `--format json`, API clients): add keys, never rename.
Floats are rounded to 2 decimals (a share target's value to 4); shares are fractions (0.4),
merged minutes whole minutes. How shares are rounded is in exporters/shares.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from pillars.domain.records import Activity, Classified, RowError
from pillars.domain.timeuse import REPORT_CATEGORIES, PersonReport, WeekReport
from pillars.exporters.shares import beside_target, rounded_shares

Warning_ = str | RowError

CSV_COLUMNS: tuple[str, ...] = (
    "person",
    "week",
    "available_hours",
    *(f"{c.value}_hours" for c in REPORT_CATEGORIES),
    *(f"{c.value}_share" for c in REPORT_CATEGORIES),
    "merged_minutes",
    "target_kind",
    "target_value",
    "target_hours",
    "target_met",
)

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _r(value: float) -> float:
    return round(float(value), 2)


def target_to_dict(week: WeekReport) -> dict[str, Any] | None:
    """The target figures of one week; None when the person has no target."""
    target = week.target
    if target is None:
        return None
    return {
        "kind": target.kind,
        "value": round(float(target.value), 4),  # 0.445: a share target may be 44.5%
        "target_hours": _r(target.target_hours),
        "proactive_hours": _r(target.proactive_hours),
        "proactive_share": float(beside_target(week)),
        "met": target.met,
    }


def week_to_dict(week: WeekReport) -> dict[str, Any]:
    """One week in the report's JSON shape."""
    return {
        "week": week.week,
        "available_hours": _r(week.available_hours),
        "hours": {c.value: _r(week.hours[c]) for c in REPORT_CATEGORIES},
        "share": rounded_shares(week.shares),
        "merged_minutes": round(week.merged_minutes),
        "target": target_to_dict(week),
    }


def report_to_dict(
    people_reports: Sequence[PersonReport], warnings: Iterable[Warning_] = ()
) -> dict[str, Any]:
    """{'people': [{'person', 'weeks': [...]}], 'warnings': [...]} with stable keys."""
    return {
        "people": [
            {"person": report.person, "weeks": [week_to_dict(w) for w in report.weeks]}
            for report in people_reports
        ],
        "warnings": [str(w) for w in warnings],
    }


def neutralise_cell(value: str) -> str:
    """Text a user typed, made safe for spreadsheets: a leading = + - @ is quoted with '.

    A plain number ("-12.5") is left alone, so numbers stay numbers.
    """
    if value.lstrip(" ").startswith(_FORMULA_START) and not _NUMBER.fullmatch(value.strip()):
        return "'" + value
    return value


def report_to_csv(people_reports: Sequence[PersonReport]) -> str:
    """One row per person and week, columns as CSV_COLUMNS."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in people_reports:
        for week in report.weeks:
            data = week_to_dict(week)
            target = data["target"] or {}
            writer.writerow(
                [
                    neutralise_cell(report.person),
                    week.week,
                    data["available_hours"],
                    *(data["hours"][c.value] for c in REPORT_CATEGORIES),
                    *(data["share"][c.value] for c in REPORT_CATEGORIES),
                    data["merged_minutes"],
                    target.get("kind", ""),
                    target.get("value", ""),
                    target.get("target_hours", ""),
                    _yes_no(target.get("met")),
                ]
            )
    return out.getvalue()


def _yes_no(value: object) -> str:
    return "yes" if value is True else "no" if value is False else ""


def _when(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds")


def activity_to_dict(activity: Activity, tz: tzinfo) -> dict[str, Any]:
    """One entry: times with the offset of the person's zone; all-day rows as dates.

    An all-day row's `end` is the day after its last day (half-open, as everywhere else).
    """
    if activity.all_day:
        start, end = activity.start.date().isoformat(), activity.end.date().isoformat()
        hours = 0.0
    else:
        start, end = _when(activity.start, tz), _when(activity.end, tz)
        hours = _r(activity.minutes / 60)
    return {
        "start": start,
        "end": end,
        "all_day": activity.all_day,
        "hours": hours,
        "summary": activity.summary,
        "source": activity.source,
        "source_id": activity.source_id,
        "kind": activity.kind,
        "account": activity.account,
        "line": activity.line,
    }


def entries_to_dict(
    classified: Iterable[Classified],
    excluded: Iterable[tuple[Activity, str]],
    warnings: Iterable[Warning_] = (),
    *,
    tz: tzinfo,
) -> dict[str, Any]:
    """{'entries': [... 'category', 'rule'], 'excluded': [... 'reason'], 'warnings': [...]}."""
    entries = sorted(classified, key=lambda c: _order(c.activity, tz))
    dropped = sorted(excluded, key=lambda pair: _order(pair[0], tz))
    return {
        "entries": [
            {**activity_to_dict(c.activity, tz), "category": c.category.value, "rule": c.rule}
            for c in entries
        ],
        "excluded": [{**activity_to_dict(a, tz), "reason": reason} for a, reason in dropped],
        "warnings": [str(w) for w in warnings],
    }


def _order(activity: Activity, tz: tzinfo) -> tuple[datetime, str, str]:
    start = activity.start if activity.start.tzinfo else activity.start.replace(tzinfo=tz)
    return start, activity.source, activity.source_id


ENTRY_CSV_COLUMNS = (
    "counted", "start", "end", "all_day", "hours", "category", "rule", "reason",
    "source", "source_id", "kind", "summary", "account", "line",
)  # fmt: skip
_ENTRY_TEXT = frozenset({"rule", "reason", "source", "source_id", "kind", "summary", "account"})


def entries_dict_to_csv(data: dict[str, Any]) -> str:
    """`entries_to_dict`'s entries then its excluded ones, one row each; text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ENTRY_CSV_COLUMNS)
    rows = [{**row, "counted": "yes"} for row in data["entries"]]
    rows += [{**row, "counted": "no"} for row in data["excluded"]]
    for row in rows:
        values = []
        for column in ENTRY_CSV_COLUMNS:
            value = row.get(column, "")
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif column in _ENTRY_TEXT and isinstance(value, str):
                value = neutralise_cell(value)
            values.append(value)
        writer.writerow(values)
    return out.getvalue()
