"""Pick the importer for a file from its content, not its name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pillars.domain.records import Activity
from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog, ReadOptions

SNIFF_BYTES = 4096
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar", ".ifb", ".vcs")


def sniff_kind(head: bytes) -> str:
    """'ics', 'xlsx' or 'table' (CSV/TSV in any encoding) from the first bytes of a file."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t").upper()
    # Some producers write bare VEVENTs without the VCALENDAR wrapper; the reader accepts them.
    if text.startswith((b"BEGIN:VCALENDAR", b"BEGIN:VEVENT")) or b"BEGIN:VCALENDAR" in text[:200]:
        return "ics"
    return "table"


def read_activities(path: Path, options: ReadOptions, log: ReadLog) -> Iterator[Activity]:
    """Every activity of one calendar or CRM file that touches the window; problems go to log."""
    with path.open("rb") as handle:
        kind = sniff_kind(handle.read(SNIFF_BYTES))
    if kind == "ics":
        from pillars.importers.ics import read_calendar

        return read_calendar(path, options, log)
    from pillars.importers.tabular import read_table

    try:
        return read_table(path, options, log)
    except ImportFileError as exc:
        if path.suffix.lower() not in CALENDAR_SUFFIXES:
            raise
        # Named like a calendar: say first what it is not, then what the table reader found.
        raise ImportFileError(
            exc.file,
            f"expected a calendar (BEGIN:VCALENDAR), found none; as a table: {exc.message}",
            line=exc.line,
            column=exc.column,
        ) from None
