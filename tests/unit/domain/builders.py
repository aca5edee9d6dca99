"""Small builders for hand-made activities in domain tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pillars.domain.classify import ClassifyContext
from pillars.domain.records import Activity, Category, Classified

OWNER = "ana@acme.example"
CONTEXT = ClassifyContext(owner_email=OWNER, internal_domains=frozenset({"acme-group.example"}))
BERLIN = ZoneInfo("Europe/Berlin")
MADRID = ZoneInfo("Europe/Madrid")


def activity(summary: str = "", **fields: Any) -> Activity:
    """An hour-long entry on Monday 2026-11-09 10:00 UTC unless the fields say otherwise."""
    fields.setdefault("source", "test")
    fields.setdefault("source_id", summary or "id")
    fields.setdefault("start", datetime(2026, 11, 9, 10, tzinfo=UTC))
    fields.setdefault("end", datetime(2026, 11, 9, 11, tzinfo=UTC))
    return Activity(summary=summary, **fields)


def at(text: str, tz: ZoneInfo = BERLIN) -> datetime:
    """'2026-11-09 10:00' in `tz`."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def entry(start: str, end: str, category: Category, tz: ZoneInfo = BERLIN) -> Classified:
    """A classified entry between two wall-clock times in `tz`."""
    item = activity(start, start=at(start, tz), end=at(end, tz), source_id=f"{start}-{end}")
    return Classified(item, category, "test")
