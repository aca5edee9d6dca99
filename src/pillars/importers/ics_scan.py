"""Stream an iCalendar file into its calendar head and raw VEVENT blocks, and pre-filter them.

The pre-filter reads only the raw DTSTART/DTEND/DURATION/RRULE/RDATE/RECURRENCE-ID values, so
events that cannot touch the report window never reach the (slow) full parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pillars.importers.ics_clean import split_line, split_params
from pillars.importers.tzids import clean_tzid

# A zone offset is at most 14 h and an all-day entry is read in the person's zone: two days
# of slack around the window keeps every event that could touch it.
SLACK = timedelta(days=2)
# How long a master's occurrence may last for an override elsewhere to still free a slot in
# the window; longer occurrences of recurring series do not occur in practice.
OVERRIDE_REACH = timedelta(days=35)
QUICK_PROPS = frozenset({"UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "RECURRENCE-ID"})
WATCHED = QUICK_PROPS | {"BEGIN", "END"}
LEADS = frozenset(name[0] for name in WATCHED) | frozenset(name[0].lower() for name in WATCHED)
_LEAD = re.compile(r"([A-Za-z-]+)[;:]")

_DURATION = re.compile(
    r"([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", re.IGNORECASE
)


class NotACalendar(Exception):
    """The stream does not start with BEGIN:VCALENDAR."""

    def __init__(self, line: int, text: str) -> None:
        super().__init__(text)
        self.line = line


@dataclass
class CalendarHead:
    """What the calendar says outside its events: X-WR-TIMEZONE and the VTIMEZONE blocks."""

    x_wr_timezone: str = ""
    vtimezones: dict[str, list[str]] = field(default_factory=dict)  # clean TZID -> lines
    calendars_open: int = 0  # BEGIN:VCALENDAR less END:VCALENDAR: above 0, the file is cut


@dataclass
class RawEvent:
    """One VEVENT as cleaned text lines, with the raw values the pre-filter needs."""

    line: int
    lines: list[tuple[int, str]]
    quick: dict[str, tuple[str, str]] = field(default_factory=dict)  # NAME -> (params, value)
    rdates: list[str] = field(default_factory=list)
    complete: bool = False  # its END:VEVENT was read (False: the file ends inside it)

    @property
    def uid(self) -> str:
        uid = self.quick.get("UID", ("", ""))[1].strip()
        return uid or f"no-uid-line-{self.line}"  # stable across imports of the same file

    @property
    def text(self) -> str:
        return "\r\n".join(text for _, text in self.lines)


def scan(lines: Iterable[tuple[int, str]], head: CalendarHead) -> Iterator[RawEvent]:
    """Yield the VEVENTs of a calendar stream; fill `head` with calendar-level data on the way."""
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None or first[1].strip().upper() not in {"BEGIN:VCALENDAR", "BEGIN:VEVENT"}:
        number, text = first or (1, "")
        raise NotACalendar(number, text[:40])
    if first[1].strip().upper() == "BEGIN:VEVENT":  # a bare event, without its calendar
        yield _read_event(first[0], first[1], iterator)
    else:
        head.calendars_open += 1
    for number, text in iterator:
        name, params, value = split_line(text)
        if name == "END" and value.strip().upper() == "VCALENDAR":
            head.calendars_open -= 1
        elif name == "BEGIN":
            kind = value.strip().upper()
            if kind == "VCALENDAR":
                head.calendars_open += 1
                continue  # concatenated calendars: read on
            if kind == "VEVENT":
                yield _read_event(number, text, iterator)
                continue
            block = _block(number, text, iterator)
            if kind == "VTIMEZONE":
                _keep_timezone(block, head)
        elif name == "X-WR-TIMEZONE":
            head.x_wr_timezone = value.strip()


def _block(number: int, text: str, iterator: Iterator[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of one component up to its END, nested components included."""
    block = [(number, text)]
    depth = 1
    for line in iterator:
        block.append(line)
        lead = line[1][:1]
        if lead in "Bb" and line[1][:6].upper() == "BEGIN:":
            depth += 1
        elif lead in "Ee" and line[1][:4].upper() == "END:":
            depth -= 1
            if depth == 0:
                break
    return block


def _read_event(number: int, text: str, iterator: Iterator[tuple[int, str]]) -> RawEvent:
    """One VEVENT up to its END, picking the pre-filter's raw values in the same loop."""
    event = RawEvent(line=number, lines=[(number, text)])
    lines, quick = event.lines, event.quick
    depth = 1
    for line in iterator:
        lines.append(line)
        body = line[1]
        if body[:1] not in LEADS:
            continue  # most lines: no need to look closer
        match = _LEAD.match(body)
        name = match.group(1).upper() if match else ""
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth -= 1
            if depth == 0:
                event.complete = True
                break
        elif depth == 1 and name in QUICK_PROPS:
            _, params, value = split_line(body)
            if name == "RDATE":
                event.rdates.extend(value.split(","))
            else:
                quick.setdefault(name, (params, value))
    return event


def _keep_timezone(block: list[tuple[int, str]], head: CalendarHead) -> None:
    tzid = ""
    for _, text in block:
        name, _, value = split_line(text)
        if name == "TZID":
            tzid = clean_tzid(value)
    if tzid:
        head.vtimezones.setdefault(tzid, [text for _, text in block])


def quick_instant(value: str) -> datetime | None:
    """The naive date-time a DATE or DATE-TIME value spells (zone ignored), or None."""
    text = value.strip()
    size = len(text)
    if size not in (8, 15, 16) or not text[:8].isdigit():
        return None
    timed = size > 8 and text[8] == "T" and text[9:15].isdigit() and text[15:] in ("", "Z", "z")
    if size > 8 and not timed:
        return None
    try:
        day = datetime(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if not timed:
            return day
        return day.replace(hour=int(text[9:11]), minute=int(text[11:13]), second=int(text[13:15]))
    except ValueError:
        return None


def quick_duration(value: str) -> timedelta | None:
    """The length a DURATION value spells (nominal days as 24 h), or None."""
    match = _DURATION.fullmatch(value.strip())
    if not match or value.strip().upper() in {"P", "PT", "+P", "-P"}:
        return None
    sign, weeks, days, hours, minutes, seconds = match.groups()
    length = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )
    return -length if sign == "-" else length


def may_touch(event: RawEvent, low: datetime, high: datetime) -> bool:
    """Whether the event could yield or replace an occurrence in [low, high] (naive, UTC-ish)."""
    start = quick_instant(event.quick.get("DTSTART", ("", ""))[1])
    if start is None:
        return True  # unreadable: let the full parse report it
    span = _span(event, start)
    low, high = low - SLACK, high + SLACK
    if start <= high and start + span >= low:
        return True
    if "RECURRENCE-ID" in event.quick:
        return _override_touches(event, low, high)
    starts, ends = _rdate_bounds(event.rdates)
    if starts and min(starts) <= high and max(ends) + span >= low:
        return True
    rule = event.quick.get("RRULE", ("", ""))[1].upper().replace(" ", "")
    if not rule or start > high:
        return False
    until = re.search(r"UNTIL=([0-9TZ]+)", rule)
    if until is not None:
        last = quick_instant(until.group(1))
        return last is None or last + span >= low
    reach = count_reach(rule, start)
    return reach is None or start + reach + span >= low  # None: open-ended or unknown


def count_reach(rule: str, start: datetime) -> timedelta | None:
    """How far after DTSTART a COUNTed rule can reach at most, for simple rules; else None.

    Only rules where every period holds an instance (or a plain BYDAY one within 7 periods)
    are bounded; a month or a 29 February that does not exist is skipped, hence the margins.
    """
    parts = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    count, interval = parts.get("COUNT", ""), parts.get("INTERVAL", "1")
    if not (count.isdigit() and interval.isdigit()):
        return None
    extra = set(parts) - {"FREQ", "INTERVAL", "COUNT", "WKST"}
    plain_days = extra == {"BYDAY"} and re.fullmatch(
        r"(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*", parts["BYDAY"]
    )
    leap_day = (start.month, start.day) == (2, 29)
    days = {
        "DAILY": 7 if plain_days else 1,
        "WEEKLY": 7,
        "MONTHLY": 62,
        "YEARLY": 8 * 366 if leap_day else 366,
    }
    per = days.get(parts.get("FREQ", ""))
    if per is None or (extra and not (plain_days and parts["FREQ"] in {"DAILY", "WEEKLY"})):
        return None
    total = (int(count) + 1) * max(int(interval), 1) * per
    return timedelta(days=total) if total < 36_600 else None


def _span(event: RawEvent, start: datetime) -> timedelta:
    end = quick_instant(event.quick.get("DTEND", ("", ""))[1])
    if end is not None:
        return abs(end - start)
    length = quick_duration(event.quick.get("DURATION", ("", ""))[1])
    if length is not None:
        return abs(length)
    is_date = len(event.quick["DTSTART"][1].strip()) == 8
    return timedelta(days=1) if is_date else timedelta(0)


def _override_touches(event: RawEvent, low: datetime, high: datetime) -> bool:
    params, value = event.quick["RECURRENCE-ID"]
    slot = quick_instant(value)
    if slot is None:
        return True
    if any(name == "RANGE" for name, _ in split_params(params)):
        return slot <= high  # THISANDFUTURE changes every later instance
    return low - OVERRIDE_REACH <= slot <= high


def _rdate_bounds(values: list[str]) -> tuple[list[datetime], list[datetime]]:
    """Starts and ends of RDATE values (periods 'start/end' or 'start/duration' included)."""
    starts: list[datetime] = []
    ends: list[datetime] = []
    for value in values:
        first, _, second = value.partition("/")
        start = quick_instant(first)
        if start is None:
            continue
        starts.append(start)
        end = quick_instant(second) if second else None
        length = quick_duration(second) if second and end is None else None
        ends.append(end or start + (length or timedelta(0)))
    return starts, ends
