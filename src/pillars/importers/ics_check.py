"""Check each parsed VEVENT before expansion: skip the unreadable, repair and report the rest."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar.prop import vBroken

from pillars.importers.base import ReadLog
from pillars.importers.ics_prepare import LINE_PROP, SHIFT_PROP

# Properties without which the event cannot be placed: the event is skipped.
REQUIRED = ("DTSTART", "RECURRENCE-ID")
# Properties the event can do without: dropped with a warning.
OPTIONAL = ("DTEND", "DURATION", "EXDATE", "RDATE", "RRULE", "EXRULE")
# dateutil walks a rule from DTSTART: more steps than this before the window would hang.
MAX_STEPS = 2_000_000
# Each occurrence inside the window becomes an event copy (kilobytes): a FREQ=SECONDLY or
# MINUTELY series starting in the window would fill the memory. No working series comes
# close: an hourly one over a year of window is under 9,000.
MAX_OCCURRENCES = 20_000
FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 604800,
    "MONTHLY": 2_419_200,  # the shortest month, so the estimate errs high
    "YEARLY": 31_536_000,
}
BY_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


def event_ok(
    event: Any,
    log: ReadLog,
    window_end: datetime,
    tz: ZoneInfo,
    window_start: datetime | None = None,
) -> bool:
    """Whether the event can be expanded; drops broken optional properties with a warning."""
    uid = str(event.get("UID", ""))
    line = int(str(event.get(LINE_PROP, "0")))
    broken = {name: message for name, message in event.errors if name}
    if "DTSTART" not in event:
        log.error(line, "DTSTART", "missing DTSTART", uid)
        return False
    for name in REQUIRED:
        if name in broken:
            log.error(line, name, f"invalid {name} value '{_raw(event, name)}'", uid)
            return False
    for name in OPTIONAL:
        if name in broken:
            _drop_broken(event, name, line, uid, log)
    if not all(_is_moment(event, name) for name in REQUIRED):
        log.error(line, "DTSTART", "DTSTART or RECURRENCE-ID is not a date or date-time", uid)
        return False
    if not _is_moment(event, "DTEND"):
        log.warning(line, "DTEND", f"invalid DTEND value '{_raw(event, 'DTEND')}' ignored", uid)
        del event["DTEND"]
    _check_end(event, line, uid, log, tz)
    _mark_shift(event, tz)
    return _check_rule(event, line, uid, log, (window_start or window_end, window_end), tz)


def _is_moment(event: Any, name: str) -> bool:
    """Absent, or one DATE / DATE-TIME value (a TIME or a list cannot place an event)."""
    value = event.get(name)
    return value is None or isinstance(getattr(value, "dt", None), date)


def _raw(event: Any, name: str) -> str:
    values = event.get(name)
    for value in values if isinstance(values, list) else [values]:
        if isinstance(value, vBroken):
            return str(value)
    return str(values)


def _drop_broken(event: Any, name: str, line: int, uid: str, log: ReadLog) -> None:
    """Remove the unreadable values of a property; EXDATE/RDATE keep their readable lines."""
    log.warning(line, name, f"invalid {name} value '{_raw(event, name)}' ignored", uid)
    values = event.get(name)
    kept = [v for v in values if not isinstance(v, vBroken)] if isinstance(values, list) else []
    del event[name]
    if kept:
        event[name] = kept if len(kept) > 1 else kept[0]


def _check_end(event: Any, line: int, uid: str, log: ReadLog, tz: ZoneInfo) -> None:
    if "DTEND" not in event:
        return
    begin, finish = event["DTSTART"].dt, event["DTEND"].dt
    if isinstance(begin, datetime) and not isinstance(finish, datetime):
        log.warning(line, "DTEND", "DTEND is a DATE but DTSTART a DATE-TIME; read as midnight", uid)
        finish = datetime(finish.year, finish.month, finish.day, tzinfo=begin.tzinfo)
    start, end = comparable(begin, tz), comparable(finish, tz)
    if end < start:
        log.warning(line, "DTEND", "DTEND before DTSTART; swapped", uid)


def _mark_shift(event: Any, tz: ZoneInfo) -> None:
    """Remember how far a RANGE=THISANDFUTURE override moves its instances.

    recurring-ical-events gives every instance it moves the override's RECURRENCE-ID, so
    their own slot (our re-import key) must be computed back from this shift.
    """
    slot = event.get("RECURRENCE-ID")
    if slot is None or "RANGE" not in slot.params:
        return
    shift = comparable(event["DTSTART"].dt, tz) - comparable(slot.dt, tz)
    event[SHIFT_PROP] = str(int(shift.total_seconds()))


def comparable(value: date, tz: ZoneInfo) -> datetime:
    """A date or (floating) date-time as an aware instant, so mixed values compare."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


def _check_rule(
    event: Any, line: int, uid: str, log: ReadLog, window: tuple[datetime, datetime], tz: ZoneInfo
) -> bool:
    rule = event.get("RRULE")
    if rule is None:
        return True
    rule = rule[0] if isinstance(rule, list) else rule
    start = comparable(event["DTSTART"].dt, tz)
    until = rule.get("UNTIL")
    if until and comparable(until[0], start.tzinfo or tz) < start:  # type: ignore[arg-type]
        log.warning(line, "RRULE", "RRULE UNTIL before DTSTART; the series has no occurrences", uid)
    window_start, window_end = window
    steps = _steps(rule, start, window_end)
    if steps > MAX_STEPS:
        log.error(line, "RRULE", f"RRULE needs about {steps:.0e} steps to reach the window", uid)
        return False
    inside = _steps(rule, max(start, window_start), window_end)
    if inside > MAX_OCCURRENCES:
        message = (
            f"RRULE repeats about {inside:,.0f} times in the dates read "
            f"(at most {MAX_OCCURRENCES:,}): not a working series, skipped"
        )
        log.error(line, "RRULE", message, uid)
        return False
    return True


def _steps(rule: Any, start: datetime, window_end: datetime) -> float:
    """An upper estimate of the rule instances dateutil generates before the window ends."""
    freq = str((rule.get("FREQ") or ["DAILY"])[0]).upper()
    interval = int((rule.get("INTERVAL") or [1])[0]) or 1
    span = max((window_end - start) / timedelta(seconds=1), 0.0)
    periods = span / (FREQ_SECONDS.get(freq, 86400) * interval)
    per_period = math.prod(len(rule.get(part) or [0]) for part in BY_PARTS)
    count = rule.get("COUNT")
    steps = periods * per_period
    return min(steps, float(count[0])) if count else steps
