"""Rows of the first sheet of an .xlsx workbook, streamed with openpyxl's read-only mode."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pillars.errors import ImportFileError
from pillars.importers.textfile import Row

XLSX_MAGIC = b"PK\x03\x04"
# openpyxl holds the shared-strings table in memory even in read-only mode; a workbook whose
# table unpacks beyond this is a zip bomb or far beyond any CRM export.
MAX_SHARED_STRINGS = 256 * 1024 * 1024


def iter_xlsx_rows(source: Path | bytes, name: str) -> Iterator[Row]:
    """Rows of the workbook's first sheet as text cells; `line` is the sheet's row number.

    Cells keep the value Excel last computed (never evaluated here); a formula without a cached
    value reads as empty.
    """
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        _check_archive(handle, name)
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(name, f"this is not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield Row(number, [cell_text(v) for v in values])
    finally:
        workbook.close()


def _check_archive(handle: io.BytesIO | Path, name: str) -> None:
    with zipfile.ZipFile(handle) as archive:
        for info in archive.infolist():
            if info.filename.endswith("sharedStrings.xml") and info.file_size > MAX_SHARED_STRINGS:
                raise ImportFileError(name, "the workbook's text table is too large to read safely")
    if isinstance(handle, io.BytesIO):
        handle.seek(0)


def cell_text(value: object) -> str:
    """A cell value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        # Excel stores a plain date as midnight; read it as the day it shows.
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value)
