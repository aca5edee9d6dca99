"""The weekly report (and a person's entries) as an .xlsx workbook.

Decisions:
- Numbers are written as numbers (hours and shares as floats, shares with a % format), so a
  reader can sum and chart them; datetimes as spreadsheet datetimes in the person's zone.
- Every text cell is written as a text cell, never as a formula: openpyxl would store a
  string starting with "=" as a formula, so the cell type is forced to text. Text starting
  with = + - @ (a formula to a spreadsheet) also gets Excel's quote prefix, so editing the
  cell does not turn it into one either; the text itself stays as typed. A number typed as
  text ("-12") stays that text.
- Characters a workbook cannot hold (control characters) are dropped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from pillars.domain.timeuse import REPORT_CATEGORIES, PersonReport
from pillars.exporters.entries import ENTRY_COLUMNS, EntryLine
from pillars.exporters.report import CSV_COLUMNS, week_to_dict

_FORMULA_START = ("=", "+", "-", "@")
_SHARE_FORMAT = "0.0%"
_HOURS_FORMAT = "0.00"
_WHEN_FORMAT = "yyyy-mm-dd hh:mm"


def report_to_xlsx(
    people_reports: Sequence[PersonReport], entries: Sequence[EntryLine] | None = None
) -> bytes:
    """A 'Weeks' sheet (one row per person and week, columns as the CSV) and, when given,
    an 'Entries' sheet."""
    workbook = Workbook()
    weeks = workbook.active
    assert isinstance(weeks, Worksheet)
    weeks.title = "Weeks"
    _header(weeks, CSV_COLUMNS)
    for report in people_reports:
        for week in report.weeks:
            _week_row(weeks, report.person, week_to_dict(week))
    if entries is not None:
        sheet = workbook.create_sheet("Entries")
        _header(sheet, ENTRY_COLUMNS)
        for line in entries:
            _entry_row(sheet, line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_text(sheet: Worksheet, row: int, column: int, text: str) -> None:
    """A text cell that no spreadsheet runs as a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"
    if text.lstrip(" ").startswith(_FORMULA_START):
        cell.quotePrefix = True


def _header(sheet: Worksheet, columns: Sequence[str]) -> None:
    for index, name in enumerate(columns, start=1):
        write_text(sheet, 1, index, name)
    sheet.freeze_panes = "A2"


def _week_row(sheet: Worksheet, person: str, data: dict[str, object]) -> None:
    row = sheet.max_row + 1
    target = data["target"] if isinstance(data["target"], dict) else {}
    hours, shares = data["hours"], data["share"]
    assert isinstance(hours, dict) and isinstance(shares, dict)
    write_text(sheet, row, 1, person)
    write_text(sheet, row, 2, str(data["week"]))
    numbers: list[tuple[object, str]] = [(data["available_hours"], _HOURS_FORMAT)]
    numbers += [(hours[c.value], _HOURS_FORMAT) for c in REPORT_CATEGORIES]
    numbers += [(shares[c.value], _SHARE_FORMAT) for c in REPORT_CATEGORIES]
    numbers += [(data["merged_minutes"], "0")]
    column = 3
    for value, number_format in numbers:
        cell = sheet.cell(row=row, column=column, value=value)
        cell.number_format = number_format
        column += 1
    write_text(sheet, row, column, str(target.get("kind", "")))
    value = target.get("value")
    cell = sheet.cell(row=row, column=column + 1, value=value)
    cell.number_format = _SHARE_FORMAT if target.get("kind") == "share" else _HOURS_FORMAT
    sheet.cell(row=row, column=column + 2, value=target.get("target_hours"))
    met = target.get("met")
    write_text(sheet, row, column + 3, "yes" if met is True else "no" if met is False else "")


def _entry_row(sheet: Worksheet, line: EntryLine) -> None:
    row = sheet.max_row + 1
    for column, (name, value) in enumerate(zip(ENTRY_COLUMNS, line.values(), strict=True), 1):
        if isinstance(value, bool):
            write_text(sheet, row, column, "yes" if value else "no")
        elif isinstance(value, str):
            write_text(sheet, row, column, value)
        else:
            cell = sheet.cell(row=row, column=column, value=value)
            cell.number_format = _HOURS_FORMAT if name == "hours" else _WHEN_FORMAT
