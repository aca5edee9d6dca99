"""Proposed time blocks as an iCalendar file that Outlook, Google and Apple import.

Decisions:
- Times are written in the person's zone (DTSTART;TZID=Europe/Madrid) with the VTIMEZONE the
  icalendar library derives from the IANA data, so a calendar in another zone shows them at
  the right moment and Outlook (which wants a VTIMEZONE for every TZID) accepts the file.
- A block's UID depends only on the person and the block's start: exporting the same
  proposal again gives the same UIDs, so importing it twice updates instead of duplicating.
- Each block says what it is in three ways a calendar keeps: SUMMARY "Proactive block",
  CATEGORIES:Proactive (the shipped rules read it back as proactive), TRANSP:OPAQUE (busy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar

from pillars.domain.timeblocks import Block

PRODID = "-//Pillars//Proactive time blocks//EN"
SUMMARY = "Proactive block"
CATEGORY = "Proactive"
DESCRIPTION = "Time for your own sales plan, proposed by Pillars."


def block_uid(owner: str, block: Block) -> str:
    """Stable per person and block start: the same proposal exported twice has the same UIDs."""
    start = block.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    who = hashlib.sha256(owner.strip().lower().encode("utf-8")).hexdigest()[:16]
    return f"{start}-{who}@blocks.pillars"


def blocks_to_ics(blocks: Sequence[Block], *, owner: str, tz: ZoneInfo, stamp: datetime) -> bytes:
    """The blocks as one VCALENDAR (METHOD:PUBLISH) with a VTIMEZONE for `tz`."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Proactive blocks")
    # Before the events (Outlook reads it first); the zone's rules around the blocks only,
    # not every change since 1970.
    around = (blocks[0].start if blocks else stamp).astimezone(tz).date()
    first, last = date(around.year - 1, 1, 1), date(around.year + 2, 1, 1)
    calendar.add_component(icalendar.Timezone.from_tzid(tz.key, first_date=first, last_date=last))
    for block in blocks:
        event = icalendar.Event()
        event.add("uid", block_uid(owner, block))
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", block.start.astimezone(tz))
        event.add("dtend", block.end.astimezone(tz))
        event.add("summary", SUMMARY)
        event.add("description", DESCRIPTION)
        event.add("categories", [CATEGORY])
        event.add("transp", "OPAQUE")
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
