"""A person's entries as download rows: when, how long, category, the rule, what they typed.

Times are wall-clock times in the person's zone without an offset (spreadsheets cannot hold
one); the header says which zone. Text a user or a calendar typed (subjects, accounts) is
neutralised in CSV like every other exported cell (exporters.report.neutralise_cell).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pillars.exporters.report import neutralise_cell

ENTRY_COLUMNS: tuple[str, ...] = (
    "person",
    "week",
    "start",
    "end",
    "all_day",
    "hours",
    "category",
    "rule",
    "overridden",
    "counted",
    "summary",
    "account",
    "source",
)
TEXT_COLUMNS = frozenset({"person", "rule", "summary", "account", "source"})


@dataclass(frozen=True)
class EntryLine:
    person: str
    week: str
    start: datetime  # naive, the person's wall clock
    end: datetime
    all_day: bool
    hours: float
    category: str
    rule: str
    overridden: bool
    counted: bool  # False: cancelled, declined, free or out of office
    summary: str
    account: str
    source: str

    def values(self) -> list[object]:
        return [getattr(self, column) for column in ENTRY_COLUMNS]


def entries_to_csv(lines: Sequence[EntryLine]) -> str:
    """One row per entry, columns ENTRY_COLUMNS; typed text neutralised, numbers left alone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ENTRY_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                _csv_value(column, value)
                for column, value in zip(ENTRY_COLUMNS, line.values(), strict=True)
            ]
        )
    return out.getvalue()


def _csv_value(column: str, value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, float):
        return round(value, 2)
    if column in TEXT_COLUMNS and isinstance(value, str):
        return neutralise_cell(value)
    return value
