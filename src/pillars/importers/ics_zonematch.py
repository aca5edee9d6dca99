"""Use the tz database for a file-defined zone when its rules give the same offsets.

Outlook writes VTIMEZONEs whose rules start in 1601; read through the library, every
offset lookup then steps through four centuries of yearly rules, which made zone lookups
a quarter of a large import. When the zone the TZID names (a Windows or display name) has
the same offsets as the file's definition over the years read, the tz database answers the
same instants at a fraction of the cost. When they differ (Google's 'Europe/lisbon' with
CET rules), the file's own definition is kept, as RFC 5545 says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from pillars.importers.tzids import custom_zone_id

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


@lru_cache(maxsize=256)
def matches_database(vtimezone_text: str, key: str, years: tuple[int, ...]) -> bool:
    """Whether a VTIMEZONE block gives the same offsets as the tz database's `key` in `years`."""
    # icalendar caches zones by TZID process-wide: give this definition an id of its own.
    lines = vtimezone_text.splitlines()
    body = "\r\n".join(line for line in lines if not line.upper().startswith("TZID"))
    own_id = f"TZID:{custom_zone_id(body)}-probe"
    text = "\r\n".join(own_id if line.upper().startswith("TZID") else line for line in lines)
    defined = vtimezone_tz(text)
    return defined is not None and same_offsets(defined, key, years)


def vtimezone_tz(text: str) -> tzinfo | None:
    """The tzinfo a VTIMEZONE block defines, or None when the library cannot read it."""
    try:
        zone: Any = icalendar.Timezone.from_ical(text)
        result: tzinfo = zone.to_tz()
    except Exception:  # noqa: BLE001 - an unreadable definition is simply not matched
        return None
    return result


def same_offsets(defined: tzinfo, key: str, years: Iterable[int]) -> bool:
    """Whether `defined` and the tz database's `key` agree at every hour of the given years.

    Checked at noon UTC each day, and hour by hour on the days either zone changes offset,
    so a transition on another day or at another hour is caught.
    """
    database = ZoneInfo(key)
    for year in years:
        moment = datetime(year, 1, 1, 12, tzinfo=UTC)
        previous: tuple[timedelta | None, timedelta | None] | None = None
        while moment.year == year:
            offsets = (_offset(moment, defined), _offset(moment, database))
            if offsets[0] != offsets[1]:
                return False
            if (
                previous is not None
                and offsets != previous
                and not _same_day_by_hour(moment - DAY, defined, database)
            ):
                return False
            previous = offsets
            moment += DAY
    return True


def _same_day_by_hour(noon_before: datetime, defined: tzinfo, database: tzinfo) -> bool:
    moment = noon_before
    for _ in range(25):
        if _offset(moment, defined) != _offset(moment, database):
            return False
        moment += HOUR
    return True


def _offset(moment: datetime, zone: tzinfo) -> timedelta | None:
    return moment.astimezone(zone).utcoffset()
