"""Prepare the raw VEVENTs of one UID for the full parse: dedupe, resolve zones, repair rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from pillars.importers.base import ReadLog
from pillars.importers.ics_clean import clean_rrule, join_params, split_line, split_params
from pillars.importers.ics_scan import CalendarHead, RawEvent
from pillars.importers.ics_zonematch import matches_database
from pillars.importers.tzids import (
    ZoneChoice,
    clean_tzid,
    custom_zone_id,
    resolve_name,
    resolve_tzid,
)

# What the Activity and the expansion read; the rest (descriptions, attachments, alarms) is
# dropped before the parse, which is the costly step.
KEPT_PROPS = frozenset(
    "UID DTSTART DTEND DURATION RRULE RDATE EXDATE EXRULE RECURRENCE-ID SEQUENCE DTSTAMP "
    "SUMMARY STATUS TRANSP CLASS ORGANIZER ATTENDEE CATEGORIES "
    "X-MICROSOFT-CDO-BUSYSTATUS X-MICROSOFT-CDO-ALLDAYEVENT".split()
)
SINGLE_PROPS = KEPT_PROPS - {"RRULE", "RDATE", "EXDATE", "EXRULE", "ATTENDEE", "CATEGORIES"}
TIME_PROPS = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"})
# Our own properties ride along through the parse and the expansion into every occurrence.
LINE_PROP = "X-PILLARS-LINE"
SERIES_PROP = "X-PILLARS-SERIES"
DURATION_PROP = "X-PILLARS-DURATION"
# RANGE=THISANDFUTURE overrides: seconds they move each later instance by.
SHIFT_PROP = "X-PILLARS-SHIFT"


@dataclass
class Zones:
    """TZID resolution for one file; unknown ids are reported once and read in `fallback`."""

    head: CalendarHead
    fallback: str
    log: ReadLog
    years: tuple[int, ...] = ()  # the years read: where a file's zone must match the database
    custom_ids: dict[str, str] = field(default_factory=dict)  # clean TZID -> custom id
    used_custom: dict[str, str] = field(default_factory=dict)  # custom id -> VTIMEZONE text
    _seen: dict[str, ZoneChoice] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for tzid, lines in self.head.vtimezones.items():
            body = "\r\n".join(line for line in lines if not line.upper().startswith("TZID"))
            self.custom_ids[tzid] = custom_zone_id(body)

    def key(self, tzid: str, line: int, uid: str) -> str:
        """The TZID to write in place of `tzid`."""
        choice = self._seen.get(tzid)
        if choice is None:
            choice = resolve_tzid(tzid, self.custom_ids)
            if choice is not None and choice.custom:
                choice = self._database_twin(tzid) or choice
            if choice is None:
                choice = ZoneChoice(self.fallback)
                self.log.warning(
                    line, "TZID", f"unknown TZID '{tzid}'; times read in {self.fallback}", uid
                )
            self._seen[tzid] = choice
        if choice.custom:
            self._use_custom(tzid, choice.key)
        return choice.key

    def _database_twin(self, tzid: str) -> ZoneChoice | None:
        """The tz-database zone the TZID names, when it has the file's offsets (much faster)."""
        key = resolve_name(clean_tzid(tzid))
        if not key or not self.years:
            return None
        text = "\r\n".join(self.head.vtimezones[clean_tzid(tzid)])
        return ZoneChoice(key) if matches_database(text, key, self.years) else None

    def _use_custom(self, tzid: str, custom_id: str) -> None:
        if custom_id in self.used_custom:
            return
        lines = self.head.vtimezones[clean_tzid(tzid)]
        body = [f"TZID:{custom_id}" if line.upper().startswith("TZID") else line for line in lines]
        self.used_custom[custom_id] = "\r\n".join(body)


def fallback_zone(head: CalendarHead, default: str) -> str:
    """The zone for unknown TZIDs and floating times: X-WR-TIMEZONE when readable, else `default`."""
    if head.x_wr_timezone:
        return resolve_name(head.x_wr_timezone) or default
    return default


def dedupe(uid: str, events: list[RawEvent], log: ReadLog) -> list[RawEvent]:
    """Drop byte-identical copies and keep one master per UID (highest SEQUENCE, then DTSTAMP)."""
    unique: dict[str, RawEvent] = {}
    masters = 0
    for event in events:
        if "RECURRENCE-ID" not in event.quick:
            masters += 1
        unique.setdefault(event.text, event)
    kept = list(unique.values())
    main = [event for event in kept if "RECURRENCE-ID" not in event.quick]
    if masters > 1:
        log.warning(
            main[0].line,
            "UID",
            f"{masters} components share UID {uid} without RECURRENCE-ID; kept one",
            uid,
        )
    if len(main) > 1:
        best = max(enumerate(main), key=lambda pair: (_version(pair[1]), pair[0]))[1]
        kept = [event for event in kept if event in (best,) or "RECURRENCE-ID" in event.quick]
    return kept


def _version(event: RawEvent) -> tuple[int, str]:
    sequence = 0
    stamp = ""
    for _, text in event.lines:
        name, _, value = split_line(text)
        if name == "SEQUENCE" and value.strip().isdigit():
            sequence = int(value.strip())
        elif name == "DTSTAMP":
            stamp = value.strip()
    return sequence, stamp


def rewrite(event: RawEvent, zones: Zones, series: bool, log: ReadLog) -> str:
    """The VEVENT text ready for icalendar: zones resolved, rules repaired, markers added."""
    uid = event.uid
    out = [event.lines[0][1], f"{LINE_PROP}:{event.line}"]
    if series:
        out.append(f"{SERIES_PROP}:1")
    if "UID" not in event.quick:
        out.append(f"UID:{uid}")
    depth = 0
    seen: set[str] = set()
    for number, text in event.lines[1:]:
        name, params, value = split_line(text)
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and name in KEPT_PROPS and _keep(name, number, event, seen, log):
            out.append(_rewrite_line(number, text, (name, params, value), zones, uid, log))
    out.append("END:VEVENT")
    return "\r\n".join(out)


def _keep(name: str, number: int, event: RawEvent, seen: set[str], log: ReadLog) -> bool:
    """Whether to keep this property line: the first of a single-valued property only."""
    if name == "DURATION" and "DTEND" in event.quick:
        log.warning(number, name, "both DTEND and DURATION; DURATION ignored", event.uid)
        return False
    if name in SINGLE_PROPS and name in seen:
        log.warning(number, name, f"{name} given twice; the first one kept", event.uid)
        return False
    seen.add(name)
    return True


def _rewrite_line(
    number: int,
    text: str,
    parts: tuple[str, str, str],
    zones: Zones,
    uid: str,
    log: ReadLog,
) -> str:
    name, params, value = parts
    if name in TIME_PROPS and "TZID" in params.upper():
        fixed = [
            (key, zones.key(val, number, uid) if key == "TZID" else val)
            for key, val in split_params(params)
        ]
        return f"{name}{join_params(fixed)}:{value.strip()}"
    if name in {"RRULE", "EXRULE"}:
        rule, problems = clean_rrule(value)
        for problem in problems:
            log.warning(number, name, problem, uid)
        return f"{name}:{rule}"
    if name == "DURATION":
        if value.strip().startswith("-"):
            log.warning(
                number, name, "negative DURATION; the entry is read as ending at DTSTART", uid
            )
        # Stripped in both copies: icalendar refuses " -PT1H", which the entry does use.
        return f"{name}{params}:{value.strip()}\r\n{DURATION_PROP}:{value.strip()}"
    return text
