"""What every importer shares: the read options and the log of row problems."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pillars.domain.records import RowError
from pillars.errors import StrictImportError

# A hostile file could hold millions of bad rows; keep the first ones and count the rest.
MAX_KEPT_PROBLEMS = 1000


def duplicate_id(file: str, line: int | None, source_id: str) -> RowError:
    """The warning for a row whose id an earlier row of the same file already had."""
    message = f"duplicate id {source_id!r}: only the first one is kept"
    return RowError(file, line or None, None, message, source_id, "warning")


@dataclass(frozen=True)
class ReadOptions:
    """How to read one file.

    `window` is half-open [start, end) with aware datetimes: recurring events expand only
    inside it and entries outside it are dropped. `tz` is the zone for times written without
    an offset (floating iCalendar times, most CRM exports). `owner` is the e-mail whose
    attendance (declined, tentative) counts. `layout` forces a CRM layout by name.
    """

    window: tuple[datetime, datetime]
    tz: ZoneInfo
    owner: str = ""
    layout: str | None = None
    mapping: dict[str, str] | None = None  # generic CSV: standard field -> column header


@dataclass
class ReadLog:
    """Errors (row skipped) and warnings (row kept) met while reading one file."""

    file: str
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    def error(
        self, line: int | None, column: str | None, message: str, record_id: str = ""
    ) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_KEPT_PROBLEMS:
            self.errors.append(RowError(self.file, line, column, message, record_id, "error"))

    def warning(
        self, line: int | None, column: str | None, message: str, record_id: str = ""
    ) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_KEPT_PROBLEMS:
            self.warnings.append(RowError(self.file, line, column, message, record_id, "warning"))

    def unlisted(self) -> list[RowError]:
        """For errors and for warnings past MAX_KEPT_PROBLEMS, one note of how many are not
        listed, so a stored or downloaded list says it is cut."""
        notes = []
        for level, count, kept in (
            ("error", self.error_count, self.errors),
            ("warning", self.warning_count, self.warnings),
        ):
            if count > len(kept):
                message = f"{count - len(kept):,} more {level}s are not listed (the first {len(kept):,} are)"
                notes.append(RowError(self.file, None, None, message, "", level))
        return notes

    def problem_dicts(self) -> list[dict[str, Any]]:
        """Every kept error and warning, then the notes of what is not listed, as stored
        with an import run (JSON-ready, keys as RowError's fields)."""
        return [asdict(p) for p in (*self.errors, *self.warnings, *self.unlisted())]

    def refuse_if_strict(self, strict: bool) -> None:
        """With `strict`, any bad row rejects the whole file: StrictImportError at the first."""
        if not strict or not self.error_count:
            return
        first = self.errors[0] if self.errors else None
        raise StrictImportError(
            self.file,
            f"{self.error_count} bad row(s), nothing imported (strict); first: "
            + (first.message if first else "see the file"),
            line=first.line if first else None,
            column=first.column if first else None,
        )
