"""Shared helpers for the tabular importer tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pillars.domain.records import Activity
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.tabular import read_table

CRM = Path(__file__).parents[2] / "fixtures" / "crm"
MADRID = ZoneInfo("Europe/Madrid")
YEAR_2024 = (datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC))


def options(**kwargs: object) -> ReadOptions:
    """Read options for the fixtures: the whole of 2024, times read in Madrid."""
    values: dict[str, object] = {"window": YEAR_2024, "tz": MADRID, **kwargs}
    return ReadOptions(**values)  # type: ignore[arg-type]


def read(
    source: Path | bytes | str, name: str = "test.csv", **kwargs: object
) -> tuple[list[Activity], ReadLog]:
    """All activities of a fixture file (by name), a path or raw bytes, and the log."""
    if isinstance(source, str):
        source = CRM / source
    log = ReadLog(source.name if isinstance(source, Path) else name)
    rows = list(
        read_table(source, options(**kwargs), log, name=None if isinstance(source, Path) else name)
    )
    return rows, log


def utc(text: str) -> datetime:
    """'2024-10-01 09:12' as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def by_id(rows: list[Activity]) -> dict[str, Activity]:
    return {a.source_id: a for a in rows}
