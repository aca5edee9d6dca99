"""The standard records: importers build them, the domain computes on them, models store them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Category(StrEnum):
    PROACTIVE = "proactive"
    REACTIVE = "reactive"
    INTERNAL = "internal"
    UNLOGGED = "unlogged"


# Overlapping minutes go to the first of these that covers them.
PRECEDENCE: tuple[Category, ...] = (Category.PROACTIVE, Category.REACTIVE, Category.INTERNAL)
LOGGED: tuple[Category, ...] = PRECEDENCE


@dataclass(frozen=True, slots=True)
class Activity:
    """One entry of a person's time, as read from a calendar or CRM export.

    Timed entries carry aware datetimes in UTC. All-day entries carry midnight of their first
    day and of the day after their last, in the zone the importer read them in, and
    `all_day=True`. `source` + `source_id` is the re-import key.
    """

    source: str  # the layout read: "ics", "outlook-csv", "hubspot-calls", "pipedrive-activities"...
    source_id: str  # the source's own id (UID + RECURRENCE-ID, CRM activity id)
    start: datetime
    end: datetime
    summary: str = ""
    all_day: bool = False
    kind: str = ""  # normalised: meeting, call, email, task, event, other
    crm_type: str = ""  # the vendor's own type value, as written ("Call", "phonecall", "Demo")
    direction: str = ""  # "inbound", "outbound" or ""
    owner: str = ""  # the owner column as written (e-mail, name or CRM user id); "" for calendars
    organizer: str = ""  # e-mail, lower case
    attendees: tuple[str, ...] = ()  # e-mails, lower case, the organiser excluded
    tags: tuple[str, ...] = ()  # calendar categories, CRM tags or category fields
    account: str = ""  # account / organisation / company name or CRM id
    status: str = ""  # normalised: "", "confirmed", "tentative", "cancelled", "done", "planned"
    partstat: str = ""  # the owner's answer: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION or ""
    transparent: bool = False  # free time (TRANSP:TRANSPARENT, "Show time as: Free")
    busy_status: str = ""  # BUSY, FREE, TENTATIVE, OOF or "" (Outlook's X-MICROSOFT-CDO-BUSYSTATUS)
    private: bool = False
    line: int = 0  # line of the file where the entry starts, for messages

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


@dataclass(frozen=True, slots=True)
class Classified:
    """An activity with the category a rule gave it, and that rule's name."""

    activity: Activity
    category: Category
    rule: str


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one row or event: where it is and what was expected."""

    file: str
    line: int | None
    column: str | None
    message: str
    record_id: str = ""
    level: str = "error"  # "error" (row skipped) or "warning" (row kept, something assumed)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        if self.record_id:
            where += f" ({self.record_id})"
        return f"{where}: {self.message}"
