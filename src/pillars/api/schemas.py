"""The API's request and response shapes (the OpenAPI schema is generated from these)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, model_validator

from pillars.domain.records import Activity as ActivityRecord

MAX_BATCH = 5000
# Bounds that keep every date arithmetic (zones, week cuts) far from datetime's limits.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
LONGEST_ENTRY = timedelta(days=366)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("give a time zone offset (e.g. 2026-11-16T09:00:00+01:00 or Z)")
    if not EARLIEST <= value <= LATEST:
        raise ValueError("expected a date between 1970 and 2100")
    return value.astimezone(UTC)


Text = Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)]
ShortText = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
Moment = Annotated[datetime, AfterValidator(_aware)]


class ActivityIn(Schema):
    source: Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_no_nul)]
    source_id: Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_no_nul)]
    start: Moment
    end: Moment
    summary: Text = ""
    all_day: bool = False
    kind: Literal["", "meeting", "call", "email", "task", "event", "other"] = ""
    crm_type: ShortText = ""
    direction: Literal["", "inbound", "outbound"] = ""
    owner: ShortText = ""
    organizer: ShortText = ""
    attendees: list[ShortText] = Field(default_factory=list, max_length=500)
    tags: list[ShortText] = Field(default_factory=list, max_length=100)
    account: ShortText = ""
    status: Literal["", "confirmed", "tentative", "cancelled", "done", "planned"] = ""
    partstat: Literal["", "ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION"] = ""
    transparent: bool = False
    busy_status: Literal["", "BUSY", "FREE", "TENTATIVE", "OOF"] = ""
    private: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> ActivityIn:
        if self.end < self.start:
            raise ValueError("end is before start")
        if self.end - self.start > LONGEST_ENTRY:
            raise ValueError("an entry lasts at most 366 days")
        return self

    def to_record(self) -> ActivityRecord:
        return ActivityRecord(
            source=self.source,
            source_id=self.source_id,
            start=self.start,
            end=self.end,
            summary=self.summary,
            all_day=self.all_day,
            kind=self.kind,
            crm_type=self.crm_type,
            direction=self.direction,
            owner=self.owner,
            organizer=self.organizer.lower(),
            attendees=tuple(a.lower() for a in self.attendees),
            tags=tuple(self.tags),
            account=self.account,
            status=self.status,
            partstat=self.partstat,
            transparent=self.transparent,
            busy_status=self.busy_status,
            private=self.private,
        )


class ActivityBatch(Schema):
    activities: list[ActivityIn] = Field(max_length=MAX_BATCH)


class Problem(Schema):
    file: str | None = None
    line: int | None = None
    column: str | None = None
    message: str
    record_id: str | None = None
    level: str


class PushResult(Schema):
    import_run: int | None = Field(
        description="the import recorded for this push; null when it changed nothing "
        "(an empty or unchanged push is not recorded)"
    )
    created: int
    updated: int
    unchanged: int
    skipped: int
    problems: list[Problem]


class PersonOut(Schema):
    id: int
    name: str
    email: str
    role: str
    team: str | None
    timezone: str
    weekly_hours: float


class Categories(Schema):
    proactive: float
    reactive: float
    internal: float
    unlogged: float


class TargetOut(Schema):
    kind: str
    value: float
    target_hours: float
    proactive_hours: float
    proactive_share: float
    met: bool | None


class WeekOut(Schema):
    week: str
    available_hours: float
    hours: Categories
    share: Categories
    merged_minutes: int
    target: TargetOut | None


class PersonWeeks(Schema):
    person: str
    weeks: list[WeekOut]


class WeeklyReport(Schema):
    """The CLI's `--format json` shape (exporters/report.py), for one person."""

    people: list[PersonWeeks]
    warnings: list[str]


class Message(Schema):
    detail: str


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Invalid(Schema):
    """422: what was wrong, where (`loc`: "body", "activities", 0, "start"...)."""

    detail: list[ErrorItem]
