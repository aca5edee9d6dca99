"""Time-zone ids as calendars really write them, and the library bugs around them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from pillars.importers.tzids import clean_tzid, resolve_name, resolve_tzid

from .ics_support import calendar, local, read, warnings

CET_RULES = """BEGIN:VTIMEZONE
TZID:{tzid}
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""

FIXED_PLUS_5 = """BEGIN:VTIMEZONE
TZID:Custom
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0500
TZOFFSETTO:+0500
END:STANDARD
END:VTIMEZONE"""


@pytest.mark.parametrize(
    ("tzid", "key"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Eastern Standard Time", "America/New_York"),
        ("tzone://Microsoft/Utc", "UTC"),
        ('"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"', "Europe/Amsterdam"),
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/Dublin"),
        ("/mozilla.org/20050126_1/Europe/Paris", "Europe/Paris"),
        ("/freeassociation.sourceforge.net/Tzfile/Europe/Stockholm", "Europe/Stockholm"),
        ("/Europe/Stockholm", "Europe/Stockholm"),
        ("europe/berlin", "Europe/Berlin"),
    ],
)
def test_tzid_without_vtimezone_is_mapped_by_name(tzid: str, key: str) -> None:
    assert resolve_name(tzid) == key


def test_display_name_must_fit_its_offset() -> None:
    # 'Rome' exists in no other zone, but a label saying +05:00 cannot mean it.
    assert resolve_name("(UTC+05:00) Rome") is None


def test_escaped_vtimezone_tzid_matches_quoted_parameter() -> None:
    assert clean_tzid("(UTC+01:00) Amsterdam\\, Berlin") == clean_tzid(
        '"(UTC+01:00) Amsterdam, Berlin"'
    )


def test_file_definition_wins_over_a_name_guess() -> None:
    choice = resolve_tzid("Custom", {"Custom": "X-PILLARS-1"})
    assert choice is not None and choice.custom and choice.key == "X-PILLARS-1"
    exact = resolve_tzid("Europe/Berlin", {"Europe/Berlin": "X-PILLARS-2"})
    assert exact is not None and exact.key == "Europe/Berlin" and not exact.custom


@pytest.mark.parametrize(
    "tzid",
    ["W. Europe Standard Time", "Romance Standard Time", "/mozilla.org/20050126_1/Europe/Berlin"],
)
def test_named_zone_keeps_wall_clock_across_dst(tzid: str) -> None:
    data = calendar(
        f"""UID:w
        DTSTART;TZID={tzid}:20250324T090000
        DTEND;TZID={tzid}:20250324T100000
        RRULE:FREQ=WEEKLY;COUNT=2"""
    )
    found, log = read(data)
    assert [local(a) for a in found] == ["2025-03-24 09:00-10:00", "2025-03-31 09:00-10:00"]
    assert not log.warnings


def test_windows_zone_with_vtimezone_reads_its_rules() -> None:
    data = calendar(
        """UID:v
        DTSTART;TZID=W. Europe Standard Time:20250401T100000
        DTEND;TZID=W. Europe Standard Time:20250401T110000""",
        head=CET_RULES.format(tzid="W. Europe Standard Time"),
    )
    found, _ = read(data)
    assert [local(a) for a in found] == ["2025-04-01 10:00-11:00"]


def test_custom_zones_of_the_same_name_in_two_files_do_not_mix() -> None:
    # icalendar caches VTIMEZONEs process-wide by TZID; the second file must use its own.
    event = "UID:c\nDTSTART;TZID=Custom:20250401T100000\nDTEND;TZID=Custom:20250401T110000"
    first, _ = read(calendar(event, head=FIXED_PLUS_5))
    second, _ = read(calendar(event, head=CET_RULES.format(tzid="Custom")))
    assert first[0].start.hour == 5 and second[0].start.hour == 8


def test_unknown_tzid_is_reported_and_read_in_the_person_zone() -> None:
    data = calendar("UID:u\nDTSTART;TZID=Mars/Olympus:20250401T100000\nDURATION:PT1H")
    found, log = read(data, tz=ZoneInfo("America/Chicago"))
    assert local(found[0], ZoneInfo("America/Chicago")) == "2025-04-01 10:00-11:00"
    assert warnings(log) == ["unknown TZID 'Mars/Olympus'; times read in America/Chicago"]


def test_unknown_tzid_falls_back_to_x_wr_timezone() -> None:
    data = calendar(
        "UID:u\nDTSTART;TZID=Nowhere:20250401T100000\nDURATION:PT1H",
        head="X-WR-TIMEZONE:Asia/Tokyo",
    )
    found, log = read(data)
    assert local(found[0], ZoneInfo("Asia/Tokyo")) == "2025-04-01 10:00-11:00"
    assert "Asia/Tokyo" in warnings(log)[0]


def test_floating_times_use_x_wr_timezone_then_person_zone() -> None:
    event = "UID:f\nDTSTART:20250401T100000\nDTEND:20250401T110000"
    google, quiet = read(calendar(event, head="X-WR-TIMEZONE:America/New_York"))
    assert local(google[0], ZoneInfo("America/New_York")) == "2025-04-01 10:00-11:00"
    assert not quiet.warnings
    plain, log = read(calendar(event))
    assert local(plain[0]) == "2025-04-01 10:00-11:00"
    assert "floating times interpreted in the person's configured time zone" in warnings(log)[0]


def test_utc_exdate_and_until_match_local_instances_across_dst() -> None:
    # 09:00 Berlin is 08:00Z before March 30 and 07:00Z after it.
    data = calendar(
        """UID:d
        DTSTART;TZID=Europe/Berlin:20250324T090000
        DTEND;TZID=Europe/Berlin:20250324T100000
        RRULE:FREQ=WEEKLY;UNTIL=20250407T070000Z
        EXDATE:20250331T070000Z"""
    )
    found, _ = read(data)
    assert [local(a) for a in found] == ["2025-03-24 09:00-10:00", "2025-04-07 09:00-10:00"]


def test_duration_days_are_nominal_and_hours_exact_across_dst() -> None:
    data = calendar(
        "UID:p1d\nDTSTART;TZID=Europe/Berlin:20250329T120000\nDURATION:P1D",
        "UID:pt24h\nDTSTART;TZID=Europe/Berlin:20250329T120000\nDURATION:PT24H",
        "UID:mixed\nDTSTART;TZID=Europe/Berlin:20250329T120000\nDURATION:P1DT1H",
    )
    found, _ = read(data)
    hours = {a.source_id: a.minutes / 60 for a in found}
    assert hours == {"p1d": 23, "pt24h": 24, "mixed": 24}
