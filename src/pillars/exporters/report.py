"""The time report and the classified entries as JSON-ready dicts and CSV text.

Key names are a contract (the CLI's `--format json`, API clients): add keys, never rename.
Floats are rounded to 2 decimals; shares are fractions (0.4), merged minutes whole minutes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from pillars.domain.records import Activity, Category, Classified, RowError
from pillars.domain.timeuse import REPORT_CATEGORIES, PersonReport, TargetResult, WeekReport

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


HUNDREDTH = Decimal("0.01")


def _r(value: float) -> float:
    return round(float(value), 2)


def target_to_dict(target: TargetResult | None) -> dict[str, Any] | None:
    """The target figures of one week; None when the person has no target."""
    if target is None:
        return None
    return {
        "kind": target.kind,
        "value": _r(target.value),
        "target_hours": _r(target.target_hours),
        "proactive_hours": _r(target.proactive_hours),
        "proactive_share": target_share(target.proactive_share, target),
        "met": target.met,
    }


def target_share(share: float, target: TargetResult | None) -> float:
    """The proactive share as shown beside its target, to 2 decimals: rounded half up
    (0.425 -> 0.43, which binary floats would give as 0.42), but cut down instead where rounding
    up would reach a share target the week misses (0.396 of 0.40 shows 0.39, never 0.40)."""
    exact = Decimal(repr(float(share)))
    shown = exact.quantize(HUNDREDTH, ROUND_HALF_UP)
    missed_share = target is not None and target.kind == "share" and target.met is False
    if missed_share and shown >= Decimal(repr(float(target.value))):
        shown = exact.quantize(HUNDREDTH, ROUND_FLOOR)
    return float(shown)


def target_percent(share: float, target: TargetResult | None) -> str:
    """`target_share` as a whole percentage: '43%'."""
    return f"{round(target_share(share, target) * 100)}%"


def week_to_dict(week: WeekReport) -> dict[str, Any]:
    """One week in the report's JSON shape."""
    return {
        "week": week.week,
        "available_hours": _r(week.available_hours),
        "hours": {c.value: _r(week.hours[c]) for c in REPORT_CATEGORIES},
        "share": rounded_shares(week.shares),
        "merged_minutes": round(week.merged_minutes),
        "target": target_to_dict(week.target),
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


def rounded_shares(shares: Mapping[Category, float]) -> dict[str, float]:
    """The four shares to 2 decimals, summing to what they sum to unrounded (1.00 when the
    week has hours): the hundredths lost to rounding go to the largest remainders."""
    cents = {c: shares[c] * 100 for c in REPORT_CATEGORIES}
    floors = {c: int(cents[c] + 1e-9) for c in REPORT_CATEGORIES}
    missing = round(sum(cents.values())) - sum(floors.values())
    by_remainder = sorted(REPORT_CATEGORIES, key=lambda c: floors[c] - cents[c])
    for category in by_remainder[: max(missing, 0)]:
        floors[category] += 1
    return {c.value: floors[c] / 100 for c in REPORT_CATEGORIES}


def whole_percents(shares: Mapping[Category, float]) -> dict[Category, int]:
    """The shares as whole percents, the same numbers as the JSON's (and adding up to 100):
    every table, page and chart label shows these, never a share rounded on its own."""
    rounded = rounded_shares(shares)
    return {c: round(rounded[c.value] * 100) for c in REPORT_CATEGORIES}


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
