"""Resolve the time-zone ids calendars write (IANA, Windows, prefixed, display names) to IANA.

The Windows table is CLDR's windowsZones mapping (territory 001), kept as data in
`windows_zones.json`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

UTC_ALIASES = frozenset(
    {
        "utc",
        "gmt",
        "z",
        "zulu",
        "etc/utc",
        "etc/gmt",
        "universal",
        "coordinated universal time",
        "tzone://microsoft/utc",
        "greenwich mean time",
    }
)

# Windows display names that name a region instead of cities.
DISPLAY_REGIONS = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "coordinated universal time": "UTC",
}

_DISPLAY = re.compile(
    r"^\(\s*(?:UTC|GMT)\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?\s*\)\s*(?P<rest>.*)$"
)
_CITY_SPLIT = re.compile(r",|&|\band\b|/|;")


@dataclass(frozen=True)
class ZoneChoice:
    """What a TZID means: an IANA key, or a zone defined only by the file's VTIMEZONE."""

    key: str  # IANA key, or the content-derived id of a file-defined zone
    custom: bool = False  # True: `key` names the file's VTIMEZONE, not a tz-database zone


@lru_cache(maxsize=1)
def _iana_keys() -> dict[str, str]:
    """Lower-case IANA key -> key, for case-insensitive lookup."""
    return {key.lower(): key for key in available_timezones()}


@lru_cache(maxsize=1)
def _iana_by_city() -> dict[str, str]:
    """Last path segment of every IANA key ('new york') -> key; the first canonical key wins."""
    cities: dict[str, str] = {}
    for key in sorted(available_timezones()):
        if key.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")):
            continue
        city = key.rsplit("/", 1)[-1].replace("_", " ").lower()
        cities.setdefault(city, key)
    return cities


@lru_cache(maxsize=1)
def windows_zones() -> dict[str, str]:
    """Windows zone id (lower case) -> IANA key, from the CLDR data file."""
    text = resources.files("pillars.importers").joinpath("windows_zones.json").read_text("utf-8")
    table: dict[str, str] = json.loads(text)
    return {name.lower(): key for name, key in table.items()}


def iana_key(name: str) -> str | None:
    """The IANA key spelled by `name` (any case), or None."""
    return _iana_keys().get(name.strip().lower())


def clean_tzid(raw: str) -> str:
    """The TZID text without quotes, surrounding blanks or iCalendar escapes."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return text.replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\").strip()


@lru_cache(maxsize=512)
def resolve_name(tzid: str) -> str | None:
    """The IANA key a TZID means by its name alone, or None when the name says nothing known."""
    text = clean_tzid(tzid)
    lower = text.lower()
    if lower in UTC_ALIASES:
        return "UTC"
    key = iana_key(text) or windows_zones().get(lower)
    if key:
        return key
    if lower.startswith("tzone://microsoft/"):
        return resolve_name(text[len("tzone://microsoft/") :])
    if "/" in text:
        # libical and Mozilla prefix a vendor path: /freeassociation.sourceforge.net/Tzfile/X/Y
        parts = [part for part in text.split("/") if part]
        for start in range(len(parts)):
            key = iana_key("/".join(parts[start:]))
            if key:
                return key
    return _from_display_name(text)


def _from_display_name(text: str) -> str | None:
    """'(UTC+01:00) Amsterdam, Berlin, ...' -> the first city whose zone has that offset."""
    match = _DISPLAY.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    offset = _parse_offset(match.group("offset") or "+0")
    region = DISPLAY_REGIONS.get(rest.lower())
    if region:
        return region
    for city in _CITY_SPLIT.split(rest):
        key = _iana_by_city().get(city.strip().lower())
        if key and _has_offset(key, offset):
            return key
    return None


def _parse_offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return sign * timedelta(hours=int(hours), minutes=int(minutes))


def _has_offset(key: str, offset: timedelta) -> bool:
    """Whether the zone uses this offset in winter or summer (labels give the standard one)."""
    zone = ZoneInfo(key)
    return any(datetime(2025, month, 1, tzinfo=zone).utcoffset() == offset for month in (1, 7))


def custom_zone_id(vtimezone_body: str) -> str:
    """A TZID derived from the VTIMEZONE's rules, so two files' same-named zones never mix.

    icalendar caches VTIMEZONE definitions process-wide by TZID; a content hash keeps a
    'Custom' zone from one file from being used for another file's 'Custom' zone.
    """
    digest = hashlib.sha1(vtimezone_body.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"X-PILLARS-{digest[:16]}"


def resolve_tzid(tzid: str, defined: Mapping[str, str]) -> ZoneChoice | None:
    """What `tzid` means given the file's VTIMEZONEs (clean TZID -> custom id); None if unknown.

    An exact IANA key is read from the tz database. Any other id the file defines is read
    from its VTIMEZONE, as RFC 5545 says (and as Outlook and Google display it, even when the
    definition is odd, e.g. Google's 'Europe/lisbon' with CET rules). Only ids the file does
    not define are mapped by name (Windows, prefixed, display names).
    """
    text = clean_tzid(tzid)
    if text in available_zone_keys() or text.upper() == "UTC":
        return ZoneChoice("UTC" if text.upper() == "UTC" else text)
    if text in defined:
        return ZoneChoice(defined[text], custom=True)
    key = resolve_name(text)
    return ZoneChoice(key) if key else None


def available_zone_keys() -> frozenset[str]:
    """The exact IANA keys of the installed tz database."""
    return frozenset(_iana_keys().values())
