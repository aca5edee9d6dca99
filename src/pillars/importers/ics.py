"""Read an iCalendar file into Activities: every occurrence that overlaps the window.

One streaming pass keeps memory bounded: it keeps the components whose raw time values can
touch the window and every later component sharing their UID; a second pass runs only when
another version of a kept component came before it (masters and overrides are grouped by
UID either way). Only kept components get a full icalendar parse and an expansion over the window.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone

from pillars.domain.records import Activity
from pillars.errors import ImportFileError
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics_check import event_ok
from pillars.importers.ics_clean import logical_lines, physical_lines
from pillars.importers.ics_convert import to_activity
from pillars.importers.ics_prepare import (
    LINE_PROP,
    SERIES_PROP,
    Zones,
    dedupe,
    fallback_zone,
    rewrite,
)
from pillars.importers.ics_scan import SLACK, CalendarHead, NotACalendar, RawEvent, may_touch
from pillars.importers.ics_scan import scan as scan_events

FLOATING_WARNING = "floating times interpreted in the person's configured time zone"
HEAD_BYTES = 4096
PARSE_BATCH = 500  # series (UIDs) parsed and expanded together
# A bare VEVENT (what some tools save for one meeting) is read as a one-event calendar.
STARTS = frozenset({"BEGIN:VCALENDAR", "BEGIN:VEVENT"})


def read_calendar(
    source: Path | bytes, options: ReadOptions, log: ReadLog, name: str | None = None
) -> Iterator[Activity]:
    """Every occurrence overlapping options.window, excluded ones included; problems go to log.

    Raises ImportFileError at once when the source is not an iCalendar file.
    """
    label = name or (source.name if isinstance(source, Path) else "calendar.ics")
    _check_head(source, label)
    return _read(source, options, log, label)


def _open(source: Path | bytes) -> BinaryIO:
    return source.open("rb") if isinstance(source, Path) else io.BytesIO(source)


def _check_head(source: Path | bytes, label: str) -> None:
    with _open(source) as stream:
        head = stream.read(HEAD_BYTES)
    try:
        first = next(logical_lines(physical_lines(io.BytesIO(head), _quiet), _quiet), (1, ""))
    except (UnicodeDecodeError, ValueError):
        first = (1, "")
    if first[1].strip().upper() not in STARTS or "\x00" in first[1]:
        found = first[1][:30].encode("unicode_escape").decode("ascii")
        raise ImportFileError(
            label,
            f"expected an iCalendar file (BEGIN:VCALENDAR) at the start, found '{found}'",
            line=first[0],
        )


def _quiet(line: int, column: str | None, message: str) -> None:
    """Problems met on a second read of the same lines were reported on the first."""


def _read(
    source: Path | bytes, options: ReadOptions, log: ReadLog, label: str
) -> Iterator[Activity]:
    low, high = (moment.astimezone(UTC).replace(tzinfo=None) for moment in options.window)
    head = CalendarHead()
    groups: dict[str, list[RawEvent]] = {}
    dropped = SeenSet()
    for event in _events(source, head, log.warning, label):
        if event.uid in groups or may_touch(event, low, high):
            groups.setdefault(event.uid, []).append(event)
        else:
            dropped.add(_version_key(event))
    if not groups:
        return
    if any(_version_key(event) in dropped for events in groups.values() for event in events):
        # Another version of a kept master or override was passed over before its UID was
        # wanted (SEQUENCE decides between them): read the file again for the whole UIDs.
        wanted, groups = set(groups), {}
        for event in _events(source, CalendarHead(), _quiet, label):
            if event.uid in wanted:
                groups.setdefault(event.uid, []).append(event)
    zones = Zones(head, fallback_zone(head, options.tz.key), log, years=_years(options))
    # Parse and expand a batch of series at a time: icalendar's objects for a whole year
    # of events would outweigh everything else the import holds.
    while groups:
        batch = {uid: groups.pop(uid) for uid in list(itertools.islice(groups, PARSE_BATCH))}
        calendar = _parse(batch, zones, head, options, log)
        if calendar is not None:
            yield from _expand(calendar, options, log)


def _years(options: ReadOptions) -> tuple[int, ...]:
    start, end = options.window
    return tuple(range(start.year - 1, end.year + 1))


def _version_key(event: RawEvent) -> tuple[str, str]:
    """What two versions of the same component share: UID and RECURRENCE-ID ('' for masters).

    An override that cannot touch the window does not change it, unless it is another
    version of a kept one; a master matters likewise only as another version of a kept one.
    """
    return event.uid, event.quick.get("RECURRENCE-ID", ("", ""))[1].strip()


class SeenSet:
    """A fixed-size set that may answer 'maybe' (a Bloom filter with three hashes).

    It remembers which components the first pass dropped in 1 MiB whatever the file's size; a
    false 'maybe' only costs a second pass, never a wrong answer.
    """

    BITS = 1 << 23
    SALTS = (0, 1, 2)

    def __init__(self) -> None:
        self._bits = bytearray(self.BITS // 8)

    def _indexes(self, key: tuple[str, str]) -> list[int]:
        return [hash((salt, key)) % self.BITS for salt in self.SALTS]

    def add(self, key: tuple[str, str]) -> None:
        for index in self._indexes(key):
            self._bits[index >> 3] |= 1 << (index & 7)

    def __contains__(self, key: tuple[str, str]) -> bool:
        return all(self._bits[i >> 3] & (1 << (i & 7)) for i in self._indexes(key))


def _events(source: Path | bytes, head: CalendarHead, warn: Any, label: str) -> Iterator[RawEvent]:
    with _open(source) as stream:
        try:
            for event in scan_events(logical_lines(physical_lines(stream, warn), warn), head):
                if not event.complete:
                    warn(event.line, None, "the file ends inside this event (no END:VEVENT)")
                yield event
        except NotACalendar as error:
            raise ImportFileError(
                label, "expected an iCalendar file (BEGIN:VCALENDAR)", line=error.line
            ) from error
    if head.calendars_open > 0:
        warn(None, None, "the file ends without END:VCALENDAR: it may have been cut short")


def _parse(
    groups: dict[str, list[RawEvent]],
    zones: Zones,
    head: CalendarHead,
    options: ReadOptions,
    log: ReadLog,
) -> Any:
    """One icalendar Calendar holding the wanted events and the custom zones they use."""
    texts: list[str] = []
    for uid, events in groups.items():
        kept = dedupe(uid, events, log)
        series = any("RRULE" in e.quick or e.rdates or "RECURRENCE-ID" in e.quick for e in kept)
        texts.extend(rewrite(event, zones, series, log) for event in kept)
    calendar = _from_text(list(zones.used_custom.values()) + texts, log)
    window_start, window_end = options.window[0] - SLACK, options.window[1] + SLACK
    for event in list(calendar.subcomponents):
        if event.name == "VEVENT" and not event_ok(
            event, log, window_end, options.tz, window_start
        ):
            calendar.subcomponents.remove(event)
    return _settle_floating(calendar, head, options, log)


def _from_text(parts: list[str], log: ReadLog) -> Any:
    """Parse all parts at once; when that fails, part by part so one bad event costs only itself."""
    try:
        return icalendar.Calendar.from_ical(_wrap(parts))
    except Exception:  # noqa: BLE001 - any parser failure: retry event by event
        calendar = icalendar.Calendar.from_ical(_wrap([]))
    for part in parts:
        try:
            calendar.subcomponents.extend(icalendar.Calendar.from_ical(_wrap([part])).subcomponents)
        except Exception as error:  # noqa: BLE001 - report and keep the rest
            found = re.search(f"^{LINE_PROP}:(\\d+)", part, re.MULTILINE)
            what = "event" if part.startswith("BEGIN:VEVENT") else "time zone definition"
            log.error(int(found.group(1)) if found else None, None, f"unreadable {what}: {error}")
    return calendar


def _wrap(parts: list[str]) -> str:
    body = "\r\n".join(parts)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pillars//ics//EN\r\n{body}\r\nEND:VCALENDAR\r\n"


def _settle_floating(calendar: Any, head: CalendarHead, options: ReadOptions, log: ReadLog) -> Any:
    """Give floating times a zone: X-WR-TIMEZONE (Google, Apple) or the person's zone."""
    zone_key = fallback_zone(head, "") if head.x_wr_timezone else ""
    if zone_key:
        return x_wr_timezone.to_standard(calendar, timezone=ZoneInfo(zone_key))
    floating = [c for c in calendar.subcomponents if c.name == "VEVENT" and _is_floating(c)]
    if not floating:
        return calendar
    line = int(str(floating[0].get(LINE_PROP, "0")))
    message = f"{FLOATING_WARNING} ({options.tz.key})"
    log.warning(line, "DTSTART", message, str(floating[0].get("UID", "")))
    return x_wr_timezone.to_standard(calendar, timezone=options.tz)


def _is_floating(event: Any) -> bool:
    value = getattr(event.get("DTSTART"), "dt", None)
    return isinstance(value, datetime) and value.tzinfo is None


def _expand(calendar: Any, options: ReadOptions, log: ReadLog) -> Iterator[Activity]:
    start, end = options.window
    seen: set[str] = set()
    found: list[Activity] = []
    for occurrence in _occurrences(calendar, start - SLACK, end + SLACK, log):
        try:
            activity = to_activity(occurrence, options.tz, options.owner)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            line = int(str(occurrence.get(LINE_PROP, "0")))
            log.error(line, None, f"unreadable occurrence: {error}", str(occurrence.get("UID", "")))
            continue
        if activity.source_id in seen or not overlaps(activity, start, end):
            continue
        seen.add(activity.source_id)
        found.append(activity)
    yield from sorted(found, key=lambda activity: (activity.start, activity.source_id))


def _occurrences(calendar: Any, start: datetime, end: datetime, log: ReadLog) -> list[Any]:
    """Lone events as they are; all series expanded at once (UID by UID if one breaks)."""
    # A lone event is its own only occurrence: the library would just copy it, at a cost
    # that dominates a report over a busy calendar. Ends are settled in to_activity.
    lone = [c for c in calendar.subcomponents if c.name == "VEVENT" and SERIES_PROP not in c]
    alone = {id(component) for component in lone}  # identity: components compare by value
    calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in alone]
    return lone + _series_occurrences(calendar, start, end, log)


def _series_occurrences(calendar: Any, start: datetime, end: datetime, log: ReadLog) -> list[Any]:
    try:
        return list(recurring_ical_events.of(calendar).between(start, end))
    except Exception:  # noqa: BLE001 - find the series at fault below
        pass
    by_uid: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        by_uid.setdefault(str(event.get("UID", "")), []).append(event)
    found: list[Any] = []
    for uid, events in by_uid.items():
        single = icalendar.Calendar()
        single.subcomponents = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
        single.subcomponents.extend(events)
        try:
            found.extend(recurring_ical_events.of(single).between(start, end))
        except Exception as error:  # noqa: BLE001 - report and keep the other series
            line = int(str(events[0].get(LINE_PROP, "0")))
            log.error(line, "RRULE", f"cannot expand the series: {error}", uid)
    return found


def overlaps(activity: Activity, start: datetime, end: datetime) -> bool:
    """Half-open overlap; a zero-length entry counts where it starts."""
    if activity.start == activity.end:
        return start <= activity.start < end
    return activity.start < end and activity.end > start


__all__ = ["FLOATING_WARNING", "overlaps", "read_calendar"]
