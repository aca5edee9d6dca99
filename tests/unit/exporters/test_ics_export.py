"""Proposed blocks as .ics: what Outlook and Google need, and our own importer reads it back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from pillars.domain.classify import ClassifyContext, classify, rules_with_defaults
from pillars.domain.records import Category
from pillars.domain.timeblocks import Block, propose_blocks
from pillars.exporters.ics import block_uid, blocks_to_ics
from pillars.importers.base import ReadLog, ReadOptions
from pillars.importers.ics import read_calendar

MADRID = ZoneInfo("Europe/Madrid")
OWNER = "ana@acme.example"
STAMP = datetime(2026, 11, 27, 17, tzinfo=UTC)
MONDAY = date(2026, 11, 30)


def blocks() -> list[Block]:
    return propose_blocks(monday=MONDAY, tz=MADRID, busy=[], hours_needed=7)


def export(items: list[Block], tz: ZoneInfo = MADRID) -> bytes:
    return blocks_to_ics(items, owner=OWNER, tz=tz, stamp=STAMP)


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_each_block_is_an_opaque_proactive_event_in_the_persons_zone() -> None:
    data = export(blocks())
    calendar = icalendar.Calendar.from_ical(data)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Madrid"
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    first = events(data)[0]
    assert str(first["SUMMARY"]) == "Proactive block"
    assert first["TRANSP"] == "OPAQUE"
    assert first.categories == ["Proactive"]
    assert first["DTSTAMP"].dt == STAMP
    assert first["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert first.start == datetime(2026, 11, 30, 9, tzinfo=MADRID)
    assert b"DTSTART;TZID=Europe/Madrid:20261130T090000" in data
    # The zone comes before the events: Outlook reads it first.
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")


def test_uids_are_stable_per_person_and_block() -> None:
    first, again = events(export(blocks())), events(export(blocks()))
    assert [e["UID"] for e in first] == [e["UID"] for e in again]
    assert len({e["UID"] for e in first}) == len(first)
    block = blocks()[0]
    assert block_uid(OWNER, block) != block_uid("luis@acme.example", block)


def test_round_trip_through_our_importer_gives_the_same_blocks() -> None:
    proposed = blocks()
    window = (datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC))
    log = ReadLog(file="blocks.ics")
    read = list(read_calendar(export(proposed), ReadOptions(window, MADRID, OWNER), log))
    assert not log.errors and not log.warnings
    assert [(a.start, a.end) for a in read] == [(b.start, b.end) for b in proposed]
    assert {a.transparent for a in read} == {False}
    # The shipped rules read them back as proactive, so next week's proposal counts them.
    context = ClassifyContext(owner_email=OWNER)
    assert {classify(a, rules_with_defaults(), context).category for a in read} == {
        Category.PROACTIVE
    }


def test_round_trip_keeps_the_wall_clock_in_a_zone_with_dst_ahead() -> None:
    new_york = ZoneInfo("America/New_York")
    monday = date(2026, 3, 2)  # DST starts 2026-03-08 in New York
    proposed = [
        Block(datetime(2026, 3, 6, 9, tzinfo=new_york), datetime(2026, 3, 6, 11, tzinfo=new_york)),
        Block(datetime(2026, 3, 9, 9, tzinfo=new_york), datetime(2026, 3, 9, 11, tzinfo=new_york)),
    ]
    window = (datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    read = list(
        read_calendar(
            export(proposed, new_york),
            ReadOptions(window, MADRID, OWNER),
            ReadLog(file="x.ics"),
        )
    )
    assert [a.start for a in read] == [b.start for b in proposed]
    assert read[1].start - read[0].start == timedelta(days=3, hours=-1)
    assert monday.weekday() == 0


def test_no_blocks_is_still_a_valid_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(export([]))
    assert calendar.walk("VEVENT") == []
