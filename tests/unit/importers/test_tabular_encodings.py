"""UTF-8 files with some lines in Windows-1252 (a Windows tool appended or edited them)."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pillars.importers import textfile
from pillars.importers.base import ReadLog
from pillars.importers.textfile import HEAD_BYTES, MAX_FIELD_CHARS, open_lines

from .tabular_support import CRM, read

HUBSPOT_HEADER = (
    "Record ID,Call Title,Activity date,Activity assigned to,Call duration,Call direction,"
    "Call outcome,Call status,Call notes,Associated Contact,Associated Company,Associated Deal\n"
)
LINE_WARNING = "not UTF-8: read as Windows-1252"


def call(record: int, title: str) -> str:
    return f"{record},{title},2024-10-01 10:00,Rep A,600000,Outbound,,,,,ACME,\n"


def warnings(log: ReadLog) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in log.warnings]


def test_a_utf8_export_with_one_windows_1252_line_reads_both_and_reports_that_line() -> None:
    body = (
        HUBSPOT_HEADER.encode()
        + call(1, "Llamada con José Müller").encode()
        + call(2, "Reclamación urgente").encode("cp1252")
    )
    rows, log = read(body, name="hub-mixed.csv")
    assert [a.summary for a in rows] == ["Llamada con José Müller", "Reclamación urgente"]
    assert warnings(log) == [(3, LINE_WARNING)]
    assert str(log.warnings[0]) == f"hub-mixed.csv, line 3: {LINE_WARNING}"


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_an_excel_export_with_a_windows_1252_line_appended_keeps_its_layout(bom: bool) -> None:
    original = (CRM / "quirks-es-excel-semicolon-bom.csv").read_bytes()
    body = original if bom else original.removeprefix(b"\xef\xbb\xbf")
    body += "Reunión urgente;Reunión;15/10/2024;30;;ACME Industrial;\r\n".encode("cp1252")
    rows, log = read(body)
    assert {a.source for a in rows} == {"spreadsheet-es"}
    assert rows[-1].summary == "Reunión urgente" and rows[-1].line == 8
    assert (8, LINE_WARNING) in warnings(log)


def test_windows_1252_lines_far_past_the_head_are_read_and_reported_on_their_line() -> None:
    filler = [call(n, f"Visita a Müller {n}") for n in range(HEAD_BYTES // 30)]
    quoted = '9,"Nota en\r\ndos líneas",2024-10-01 10:00,Rep A,600000,Outbound,,,,,ACME,\r\n'
    body = (
        HUBSPOT_HEADER.encode()
        + "".join(filler).encode()
        + call(7, "Reclamación").encode("cp1252")
        + quoted.encode()
        + call(8, "Devolución").encode("cp1252")
    )
    assert len(body) > 2 * HEAD_BYTES
    rows, log = read(body)
    first = len(filler) + 2
    assert warnings(log) == [(first, LINE_WARNING), (first + 3, LINE_WARNING)]
    assert [(a.line, a.summary) for a in rows[-3:]] == [
        (first, "Reclamación"),
        (first + 1, "Nota en\r\ndos líneas"),
        (first + 3, "Devolución"),
    ]


def test_a_windows_1252_export_is_read_as_such_without_a_warning_per_line() -> None:
    body = (HUBSPOT_HEADER + "".join(call(n, f"Reunión nº {n}") for n in range(500))).encode(
        "cp1252"
    )
    rows, log = read(body)
    assert len(rows) == 500 and rows[-1].summary == "Reunión nº 499"
    assert not log.warnings


def test_a_windows_1252_export_whose_head_is_plain_ascii_warns_once() -> None:
    ascii_rows = "".join(call(n, f"Call {n}") for n in range(HEAD_BYTES // 40))
    legacy_rows = "".join(call(n, f"Reunión {n}") for n in range(300))
    rows, log = read(HUBSPOT_HEADER.encode() + ascii_rows.encode() + legacy_rows.encode("cp1252"))
    assert rows[-1].summary == "Reunión 299"
    assert [message for _, message in warnings(log)] == [
        "input is not valid UTF-8; decoded as Windows-1252"
    ]


def test_an_enormous_line_of_accented_text_is_skipped_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    with path.open("wb") as out:
        out.write(HUBSPOT_HEADER.encode())
        out.write(call(1, "é" * (MAX_FIELD_CHARS * 3)).encode())
        out.write(call(2, "después").encode("cp1252"))
        out.write(call(3, "Müller").encode())
    tracemalloc.start()
    rows, log = read(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [(a.line, a.summary) for a in rows] == [(3, "después"), (4, "Müller")]
    assert log.errors[0].line == 2 and "line" in log.errors[0].message
    assert warnings(log) == [(3, LINE_WARNING)]
    assert peak < MAX_FIELD_CHARS * 3 * 2


_PIECES = ["a", "b,c", '"q,\r\nx"', '"m\nn"', "é", "€ü", "𝄞", "\r\n", "\n", "\r", ",", "\x85"]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    head=st.sampled_from([3, 4, 9]),
    chunk=st.sampled_from([1, 2, 3, 7, 64]),
    bom=st.booleans(),
)
def test_utf8_lines_split_as_the_text_reader_splits_them_at_any_chunk_size(
    text: str, head: int, chunk: int, bom: bool
) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    seen: list[int] = []
    sizes = textfile.HEAD_BYTES, textfile.READ_BYTES
    textfile.HEAD_BYTES, textfile.READ_BYTES = head, chunk
    try:
        lines = list(open_lines(data, "utf-8-sig", lambda line, message: seen.append(line)))
    finally:
        textfile.HEAD_BYTES, textfile.READ_BYTES = sizes
    assert lines == io.StringIO(text, newline="").readlines() and not seen
