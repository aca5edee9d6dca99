"""Encodings, delimiters, spreadsheets and hostile input: the file is read, never trusted."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pillars.errors import ImportFileError
from pillars.importers.textfile import MAX_FIELD_CHARS, detect_format

from .tabular_support import MADRID, read, utc

CALLS_HEADER = (
    "Record ID,Call Title,Activity date,Activity assigned to,Call duration,Call direction"
)


def test_utf16_tab_separated_excel_unicode_text_imports() -> None:
    rows, log = read("hubspot-calls-utf16-tab.txt")
    assert len(rows) == 5 and log.error_count == 0
    assert rows[2].summary == "Pregunta entrante — Müller"
    assert rows[0].start == utc("2024-10-01 09:12") and rows[0].minutes == 9
    assert rows[1].line == 4  # the multi-line note still counts its lines


def test_windows_1252_spanish_outlook_export_with_translated_headers_and_booleans() -> None:
    rows, log = read("outlook-calendar-es-cp1252.csv")
    assert log.error_count == 0
    events = {a.summary: a for a in rows}
    meeting = events["Reunión con Iberia Foods"]
    assert meeting.source == "outlook-csv"
    assert meeting.start == utc("2024-10-09 08:00") and meeting.minutes == 90
    assert meeting.tags == ("Proactivo", "Visita") and meeting.busy_status == "BUSY"
    assert meeting.attendees == ("compras@iberia-foods.example",)
    assert events["Formación interna"].busy_status == "TENTATIVE"
    holiday = events["Vacaciones"]
    assert holiday.all_day and holiday.private and holiday.busy_status == "OOF"
    assert holiday.start == datetime(2024, 10, 14, tzinfo=MADRID)
    assert holiday.end == datetime(2024, 10, 16, tzinfo=MADRID)
    coffee = events["Café con cliente"]
    assert coffee.transparent and coffee.tags == ("Proactivo", "Cliente")


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (
            "Betreff;Beginnt am;Beginnt um;Endet am;Endet um;Ganztägiges Ereignis;"
            "Erinnerung Ein/Aus;Kategorien;Privat;Zeitspanne zeigen als",
            "Kundentermin;09.10.2024;10:00:00;09.10.2024;11:00:00;Falsch;Aus;Proaktiv;Wahr;2",
        ),
        (
            "Objet;Début;Heure de début;Fin;Heure de fin;Journée entière;Rappel actif/inactif;"
            "Catégories;Privé;Disponibilité",
            "Rendez-vous client;09/10/2024;10:00:00;09/10/2024;11:00:00;Faux;Faux;Proactif;Vrai;2",
        ),
    ],
)
def test_german_and_french_outlook_exports_read_like_the_english_one(header: str, row: str) -> None:
    rows, log = read(f"{header}\r\n{row}\r\n".encode("cp1252"))
    assert log.error_count == 0
    (event,) = rows
    assert event.source == "outlook-csv"
    assert event.start == utc("2024-10-09 08:00") and event.minutes == 60
    assert event.private and event.busy_status == "BUSY" and len(event.tags) == 1


def test_utf8_with_and_without_bom_read_the_same() -> None:
    body = f"{CALLS_HEADER}\n1,Llamada señor Núñez,2024-10-01 11:00,Rep A,60000,Outbound\n"
    plain, _ = read(body.encode("utf-8"))
    bom, _ = read(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert plain == bom and plain[0].summary == "Llamada señor Núñez"


def test_excel_sep_hint_line_sets_the_delimiter() -> None:
    body = (
        "sep=|\n"
        + CALLS_HEADER.replace(",", "|")
        + "\n1|Call|2024-10-01 11:00|Rep A|60000|Outbound\n"
    )
    fmt = detect_format(body.encode(), "x.csv")
    assert fmt.delimiter == "|" and fmt.skip_first_line
    rows, _ = read(body.encode())
    assert rows[0].minutes == 1 and rows[0].line == 3


def test_semicolon_and_tab_delimiters_are_detected_from_the_header() -> None:
    for delimiter in (";", "\t"):
        body = CALLS_HEADER.replace(",", delimiter) + "\n"
        body += delimiter.join(
            ["1", "Call, with comma", "2024-10-01 11:00", "Rep A", "60000", "Outbound"]
        )
        rows, _ = read(body.encode())
        assert rows[0].summary == "Call, with comma"


def test_xlsx_export_streams_typed_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(CALLS_HEADER.split(","))
    sheet.append(
        [51001, "Discovery call", datetime(2024, 10, 1, 11, 12), "Rep A", 540000, "Outbound"]
    )
    sheet.append(
        [51002, '=HYPERLINK("http://x.invalid")', "2024-10-08 09:00", "Rep B", 0, "Outbound"]
    )
    sheet.append(
        [51003, "Bad duration", datetime(2024, 10, 9, 16, 20), "Rep A", "3 min", "Inbound"]
    )
    path = tmp_path / "calls.xlsx"
    book.save(path)
    rows, log = read(path)
    assert [a.source_id for a in rows] == ["51001", "51002"]
    assert rows[0].start == utc("2024-10-01 09:12") and rows[0].minutes == 9
    assert rows[0].line == 2
    assert [(e.line, e.column) for e in log.errors] == [(4, "Call duration")]


def test_xlsx_from_bytes_and_a_broken_workbook(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(CALLS_HEADER.split(","))
    sheet.append(["1", "Call", "2024-10-01 11:00", "Rep A", "60000", "Outbound"])
    path = tmp_path / "calls.xlsx"
    book.save(path)
    rows, _ = read(path.read_bytes(), name="calls.xlsx")
    assert len(rows) == 1
    with pytest.raises(ImportFileError, match="not a readable .xlsx"):
        read(b"PK\x03\x04" + b"\x00" * 200, name="broken.xlsx")


def test_cells_that_look_like_formulas_stay_text() -> None:
    body = f"{CALLS_HEADER}\n"
    for i, text in enumerate(["=1+1", "+34 600 000 000", "-@SUM(A1)", "@mention"]):
        body += f'{i},"{text}",2024-10-01 11:00,Rep A,60000,Outbound\n'
    rows, _ = read(body.encode())
    assert [a.summary for a in rows] == ["=1+1", "+34 600 000 000", "-@SUM(A1)", "@mention"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\n   \r\n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x00\x01\x02\x03garbage\x00" * 100, "binary"),
        (b"Name,Colour,Size\nfoo,red,3\n", "unknown column layout"),
    ],
)
def test_files_that_are_not_tables_of_activities_fail_whole(content: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        read(content)


def test_a_field_over_the_size_cap_is_one_row_error(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(CALLS_HEADER + "\n1,ok,2024-10-01 11:00,Rep A,60000,Outbound\n")
        out.write(
            '2,"' + "x\n" * (MAX_FIELD_CHARS // 2 + 10) + '",2024-10-01 11:00,Rep A,0,Outbound\n'
        )
        out.write("3,after,2024-10-02 11:00,Rep A,60000,Outbound\n")
    rows, log = read(path)
    assert rows[0].summary == "ok"
    assert log.error_count >= 1 and log.errors[0].line == 3
    assert "field" in log.errors[0].message


def test_an_enormous_single_line_is_skipped_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(CALLS_HEADER + "\n")
        out.write("1," + "y" * (MAX_FIELD_CHARS * 5) + ",2024-10-01 11:00,Rep A,0,Outbound\n")
        out.write("2,after,2024-10-02 11:00,Rep A,60000,Outbound\n")
    tracemalloc.start()
    rows, log = read(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [a.summary for a in rows] == ["after"]
    assert log.errors[0].line == 2 and "line" in log.errors[0].message
    assert peak < MAX_FIELD_CHARS * 5 * 2


@pytest.mark.slow
def test_a_large_export_streams_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    count = 200_000
    with path.open("w", encoding="utf-8") as out:
        out.write(CALLS_HEADER + ",Call notes\n")
        for i in range(count):
            out.write(f"{i},Call {i},2024-10-{1 + i % 28:02d} 11:{i % 60:02d},Rep {i % 7},"
                      f"{(i % 50) * 60000},Outbound,Notes for call number {i}\n")  # fmt: skip
    from pillars.importers.base import ReadLog
    from pillars.importers.tabular import read_table

    from .tabular_support import options

    tracemalloc.start()
    seen = minutes = 0
    for activity in read_table(path, options(), ReadLog("calls.csv")):
        seen += 1
        minutes += activity.minutes
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seen == count
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    assert path.stat().st_size > 15 * 1024 * 1024  # the file itself would not fit that bound


def test_bytes_that_are_not_valid_in_the_detected_encoding_do_not_crash() -> None:
    body = CALLS_HEADER.encode() + b"\n1,Caf\xe9 \x81 call,2024-10-01 11:00,Rep A,60000,Outbound\n"
    rows, _ = read(body)
    assert rows[0].summary.startswith("Caf")


def test_an_old_binary_excel_file_says_to_save_as_xlsx() -> None:
    with pytest.raises(ImportFileError, match=r"\.xls"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


# NUL is left out: text with many NULs is refused as binary on purpose (see the test below).
_CELL = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=12,
)


def test_a_stray_nul_in_one_cell_does_not_make_the_file_binary() -> None:
    body = CALLS_HEADER.encode() + b"\n1,Call \x00 one,2024-10-01 11:00,Rep A,60000,Outbound\n"
    rows, _ = read(body)
    assert rows[0].summary == "Call \x00 one"


FUZZ_HEADERS = [
    CALLS_HEADER.split(","),
    ["Asunto", "Tipo", "Fecha", "Duración", "Cuenta"],
    ["Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event",
     "Reminder on/off", "Categories", "Show time as", "Private", "Required Attendees"],
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(FUZZ_HEADERS),
    st.sampled_from([",", ";", "\t"]),
    st.lists(st.lists(_CELL, min_size=0, max_size=12), max_size=6),
)
def test_any_cells_under_a_known_header_give_rows_or_row_errors_never_a_crash(
    header: list[str], delimiter: str, rows: list[list[str]]
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    activities, log = read(buffer.getvalue().encode("utf-8"))
    assert len(activities) + log.error_count + log.warning_count <= max(len(rows), 1) + 1
    for activity in activities:
        assert activity.start.utcoffset() is not None and activity.end >= activity.start


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_either_import_or_fail_as_a_file_error(content: bytes) -> None:
    try:
        read(content)
    except ImportFileError:
        pass


def test_a_workbook_whose_text_table_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pillars.importers import xlsxfile

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(CALLS_HEADER.split(","))
    path = tmp_path / "calls.xlsx"
    book.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>x</t></si>" * 10_000 + "</sst>")
    monkeypatch.setattr(xlsxfile, "MAX_SHARED_STRINGS", 100_000)
    with pytest.raises(ImportFileError, match="too large"):
        read(path)


def test_messages_quote_only_the_start_of_a_huge_bad_cell() -> None:
    body = f"{CALLS_HEADER}\n1,Call,{'9' * 50_000},Rep A,60000,Outbound\n"
    _, log = read(body.encode())
    assert len(log.errors[0].message) < 200 and log.errors[0].message.endswith("…'")
