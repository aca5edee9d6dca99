"""The report as .xlsx: numbers stay numbers, typed text never becomes a formula."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import load_workbook

from pillars.exporters.entries import ENTRY_COLUMNS, EntryLine, entries_to_csv
from pillars.exporters.report import CSV_COLUMNS
from pillars.exporters.xlsx import report_to_xlsx

from .samples import sample_report

HOSTILE = '=HYPERLINK("http://x","y")'


def line(summary: str, account: str = "Globex") -> EntryLine:
    return EntryLine(
        person="ana@acme.example",
        week="2026-W46",
        start=datetime(2026, 11, 9, 10),
        end=datetime(2026, 11, 9, 11, 30),
        all_day=False,
        hours=1.5,
        category="proactive",
        rule="default: demo",
        overridden=False,
        counted=True,
        summary=summary,
        account=account,
        source="ics",
    )


def test_weeks_sheet_has_the_csv_columns_and_numbers_as_numbers() -> None:
    book = load_workbook(io.BytesIO(report_to_xlsx([sample_report()])))
    sheet = book["Weeks"]
    assert [c.value for c in sheet[1]] == list(CSV_COLUMNS)
    row = {name: cell for name, cell in zip(CSV_COLUMNS, sheet[2], strict=True)}
    assert row["week"].value == "2026-W46"
    assert row["proactive_hours"].value == 2.0 and row["proactive_hours"].data_type == "n"
    assert row["proactive_share"].value == 0.05
    assert row["proactive_share"].number_format == "0.0%"
    assert row["target_met"].value == "no"
    assert sheet.max_row == 3


def test_typed_text_is_text_not_a_formula() -> None:
    data = report_to_xlsx([sample_report("@evil")], [line(HOSTILE, "+cmd"), line("-12", "-")])
    book = load_workbook(io.BytesIO(data))
    entries = book["Entries"]
    summary = ENTRY_COLUMNS.index("summary") + 1
    account = ENTRY_COLUMNS.index("account") + 1
    hostile, negative = entries.cell(2, summary), entries.cell(3, summary)
    assert (hostile.value, hostile.data_type) == (HOSTILE, "s")
    assert hostile.quotePrefix
    assert entries.cell(2, account).quotePrefix
    # A number typed as text stays that text; the hours stay a number.
    assert (negative.value, negative.data_type) == ("-12", "s")
    hours = entries.cell(2, ENTRY_COLUMNS.index("hours") + 1)
    assert (hours.value, hours.data_type) == (1.5, "n")
    assert book["Weeks"].cell(2, 1).value == "@evil"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)


def test_control_characters_are_dropped_not_fatal() -> None:
    data = report_to_xlsx([sample_report()], [line("bell\x07 call")])
    assert load_workbook(io.BytesIO(data))["Entries"].cell(2, 11).value == "bell call"


def test_entries_csv_neutralises_typed_text_and_keeps_numbers() -> None:
    text = entries_to_csv([line(HOSTILE), line("-12", "@acme")])
    header, first, second = text.splitlines()
    assert header == ",".join(ENTRY_COLUMNS)
    assert "'=HYPERLINK(" in first
    assert ",1.5," in first and ",2026-11-09T10:00," in first
    assert second.endswith(",-12,'@acme,ics")
