"""Turn one expanded occurrence (an icalendar component) into the standard Activity record."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pillars.domain.records import Activity
from pillars.importers.ics_check import comparable
from pillars.importers.ics_prepare import DURATION_PROP, LINE_PROP, SERIES_PROP, SHIFT_PROP

_DURATION = re.compile(
    r"([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", re.IGNORECASE
)
STATUSES = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
STATUSES["CANCELED"] = "cancelled"


def to_activity(occurrence: Any, tz: ZoneInfo, owner: str) -> Activity:
    """The Activity for one occurrence; all-day entries get midnights in `tz`."""
    start, end, all_day = _times(occurrence, tz)
    organizer = email(occurrence.get("ORGANIZER"))
    attendees = _values(occurrence.get("ATTENDEE"))
    emails = tuple(dict.fromkeys(e for e in map(email, attendees) if e and e != organizer))
    return Activity(
        source="ics",
        source_id=_source_id(occurrence, tz),
        start=start,
        end=end,
        summary=str(occurrence.get("SUMMARY", "")),
        all_day=all_day,
        kind="meeting",
        organizer=organizer,
        attendees=emails,
        tags=_tags(occurrence.get("CATEGORIES")),
        status=STATUSES.get(str(occurrence.get("STATUS", "")).strip().upper(), ""),
        partstat=_partstat(attendees, owner),
        transparent=str(occurrence.get("TRANSP", "")).strip().upper() == "TRANSPARENT",
        busy_status=str(occurrence.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).strip().upper(),
        private=str(occurrence.get("CLASS", "")).strip().upper() in {"PRIVATE", "CONFIDENTIAL"},
        line=int(str(occurrence.get(LINE_PROP, "0"))),
    )


def _times(occurrence: Any, tz: ZoneInfo) -> tuple[datetime, datetime, bool]:
    begin = occurrence["DTSTART"].dt
    finish = occurrence["DTEND"].dt if "DTEND" in occurrence else begin
    if not isinstance(begin, datetime):
        last = finish.date() if isinstance(finish, datetime) else finish
        return _midnight(begin, tz), _midnight(max(last, begin + timedelta(days=1)), tz), True
    begin = _aware(begin, tz)
    if not isinstance(finish, datetime):
        finish = datetime.combine(finish, time(0), begin.tzinfo)
    finish = _aware(finish, tz)
    if _is_outlook_all_day(occurrence, begin, finish):
        return _midnight(begin.date(), tz), _midnight(finish.date(), tz), True
    duration = occurrence.get(DURATION_PROP)
    if duration is not None:
        finish = add_duration(begin, str(duration)) or finish
    low, high = sorted((begin.astimezone(UTC), finish.astimezone(UTC)))
    return low, high, False


def _is_outlook_all_day(occurrence: Any, begin: datetime, finish: datetime) -> bool:
    """Outlook writes all-day entries as local midnight to midnight with a flag (case 14)."""
    flag = str(occurrence.get("X-MICROSOFT-CDO-ALLDAYEVENT", "")).strip().upper() == "TRUE"
    return flag and begin.time() == time(0) == finish.time() and finish.date() > begin.date()


def _aware(value: datetime, tz: ZoneInfo) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def add_duration(start: datetime, value: str) -> datetime | None:
    """start + DURATION per RFC 5545: days and weeks on the wall clock, hours to seconds exact.

    recurring-ical-events adds PT24H on the wall clock, so across a DST change it ends an
    hour off (case 36); timedelta cannot tell P1D from PT24H, hence this parser.
    """
    match = _DURATION.fullmatch(value.strip())
    if not match:
        return None
    sign, weeks, days, hours, minutes, seconds = match.groups()
    factor = -1 if sign == "-" else 1
    nominal = timedelta(days=factor * (int(weeks or 0) * 7 + int(days or 0)))
    exact = timedelta(hours=int(hours or 0), minutes=int(minutes or 0), seconds=int(seconds or 0))
    return (start + nominal).astimezone(UTC) + factor * exact


def _source_id(occurrence: Any, tz: ZoneInfo) -> str:
    uid = str(occurrence.get("UID", ""))
    if SERIES_PROP not in occurrence or "RECURRENCE-ID" not in occurrence:
        return uid
    slot = occurrence["RECURRENCE-ID"].dt
    if SHIFT_PROP in occurrence:
        start = comparable(occurrence["DTSTART"].dt, tz)
        slot = start - timedelta(seconds=int(str(occurrence[SHIFT_PROP])))
    if isinstance(slot, datetime):
        return f"{uid}#{_aware(slot, tz).astimezone(UTC).isoformat()}"
    return f"{uid}#{slot.isoformat()}"


def _values(prop: Any) -> list[Any]:
    if prop is None:
        return []
    return list(prop) if isinstance(prop, list) else [prop]


def email(address: Any) -> str:
    """The lower-case e-mail of a CAL-ADDRESS ('mailto:' dropped), '' when there is none."""
    if address is None:
        return ""
    text = str(address).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower() if "@" in text else ""


def _partstat(attendees: list[Any], owner: str) -> str:
    wanted = owner.strip().lower()
    if not wanted:
        return ""
    for attendee in attendees:
        if email(attendee) == wanted:
            params = getattr(attendee, "params", {})
            return str(params.get("PARTSTAT", "NEEDS-ACTION")).upper()
    return ""


def _tags(prop: Any) -> tuple[str, ...]:
    tags: list[str] = []
    for item in _values(prop):
        names = getattr(item, "cats", None)
        for name in names if names is not None else [item]:
            tags.extend(part.strip() for part in str(name).split(",") if part.strip())
    return tuple(dict.fromkeys(tags))
