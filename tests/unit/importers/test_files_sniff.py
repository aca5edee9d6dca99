"""Files are routed by content, not name: every calendar to the iCalendar reader, the rest to tables."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.files import SNIFF_BYTES, read_activities, sniff_kind

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CALENDARS = sorted((FIXTURES / "ics").rglob("*.ics"))
TABLES = sorted((FIXTURES / "crm").glob("*.*"))


def head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


@pytest.mark.parametrize("path", CALENDARS, ids=lambda p: p.name)
def test_every_calendar_fixture_goes_to_the_calendar_reader(path: Path) -> None:
    assert sniff_kind(head(path)) == "ics"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_crm_fixture_goes_to_the_table_reader(path: Path) -> None:
    assert sniff_kind(head(path)) == "table"


def test_bare_vevent_without_vcalendar_is_a_calendar() -> None:
    assert sniff_kind(b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n") == "ics"


def test_xlsx_is_recognised_by_its_zip_signature() -> None:
    assert sniff_kind(b"PK\x03\x04rest") == "xlsx"


def test_a_csv_mentioning_a_calendar_in_a_later_cell_stays_a_table() -> None:
    data = b"Subject,Notes\n" + b"x" * 300 + b",BEGIN:VCALENDAR\n"
    assert sniff_kind(data) == "table"


def test_a_text_named_like_a_calendar_says_it_holds_none(tmp_path: Path) -> None:
    """Found by QA: a README renamed .ics got only 'unknown column layout'."""
    path = tmp_path / "notes.ics"
    path.write_text("# Notes\n\nNothing here is a calendar.\n", encoding="utf-8")
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
    options = ReadOptions(window=window, tz=ZoneInfo("UTC"))
    with pytest.raises(
        ImportFileError, match=r"expected a calendar \(BEGIN:VCALENDAR\), found none"
    ):
        list(read_activities(path, options, ReadLog(path.name)))
