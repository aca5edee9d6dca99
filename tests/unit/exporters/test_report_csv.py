"""The CSV report: one row per person-week, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from pillars.exporters.report import CSV_COLUMNS, neutralise_cell, report_to_csv

from .samples import sample_report


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_person_week() -> None:
    text = report_to_csv([sample_report(), sample_report("luis@acme.example")])
    assert [(r["person"], r["week"]) for r in rows(text)] == [
        ("ana@acme.example", "2026-W46"),
        ("ana@acme.example", "2026-W47"),
        ("luis@acme.example", "2026-W46"),
        ("luis@acme.example", "2026-W47"),
    ]


def test_csv_header_is_stable() -> None:
    assert report_to_csv([]).splitlines() == [",".join(CSV_COLUMNS)]


def test_csv_numbers_are_plain_numbers() -> None:
    (first, _) = rows(report_to_csv([sample_report()]))
    assert (first["proactive_hours"], first["proactive_share"], first["merged_minutes"]) == (
        "2.0",
        "0.05",
        "60",
    )
    assert (first["target_kind"], first["target_met"]) == ("share", "no")


def test_csv_neutralises_a_formula_typed_as_a_person() -> None:
    (first, _) = rows(report_to_csv([sample_report('=HYPERLINK("http://x","y")')]))
    assert first["person"] == '\'=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", " =1"])
def test_cells_starting_like_a_formula_are_quoted(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12.5", "+3", "-0,5", "ana@acme.example", "Plan", ""])
def test_numbers_and_ordinary_text_are_untouched(value: str) -> None:
    assert neutralise_cell(value) == value
