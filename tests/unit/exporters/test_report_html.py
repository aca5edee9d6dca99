"""The HTML report: one self-contained file, a chart per person, the numbers, escaped text."""

from __future__ import annotations

import re

from pillars.domain.records import Category
from pillars.exporters.report_html import report_to_html

from .samples import MADRID, PERSON, classified, sample_report

XSS = "<script>alert(1)</script>"


def test_html_is_self_contained() -> None:
    page = report_to_html([sample_report()])
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page


def test_html_has_an_inline_svg_chart_per_person() -> None:
    page = report_to_html([sample_report(), sample_report("luis@acme.example")])
    assert page.count("<svg") == 2


def test_html_table_shows_the_same_numbers() -> None:
    page = report_to_html([sample_report()])
    assert "<td>2026-W46</td><td>40.00</td><td>2.00</td><td>5%</td>" in page
    assert '<tr class="total"><td>Total</td><td>80.00</td>' in page


def test_summary_with_a_script_appears_as_text() -> None:
    entry = classified(XSS, "2026-11-09 10:00", "2026-11-09 11:00", Category.PROACTIVE)
    page = report_to_html([sample_report()], entries={PERSON: [entry]}, tz=MADRID)
    assert XSS not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_person_and_warnings_are_escaped() -> None:
    page = report_to_html([sample_report(f"a{XSS}@x.example")], [f"file {XSS}"])
    assert XSS not in page
    assert page.count("&lt;script&gt;") == 2


def test_private_summaries_are_hidden() -> None:
    entry = classified(
        "Doctor", "2026-11-09 10:00", "2026-11-09 11:00", Category.INTERNAL, private=True
    )
    page = report_to_html([sample_report()], entries={PERSON: [entry]}, tz=MADRID)
    assert '<td class="text">(private)</td>' in page
    assert '<td class="text">Doctor</td>' not in page


def test_entries_show_why() -> None:
    entry = classified("Demo ACME", "2026-11-09 10:00", "2026-11-09 11:00", Category.PROACTIVE)
    page = report_to_html([sample_report()], entries={PERSON: [entry]}, tz=MADRID)
    assert "<td>2026-11-09 10:00</td>" in page and "rule for Demo ACME" in page
