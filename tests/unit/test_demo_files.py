"""The bundled demo team: manifest, files present, real export layouts, dates in the window;
its accounts and deals: segments and a measured funnel as of just after the window."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest

from pillars.demo import demo_dir, load_manifest
from pillars.domain.customers_records import DealRecord, Segment
from pillars.domain.segments import funnel_period, funnel_view, in_period, segment_for
from pillars.importers.customers import CustomerReadLog, read_accounts, read_deals

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crm"
MANIFEST = load_manifest()
FILES = {f["name"]: f for f in MANIFEST["files"]}
ICS = sorted(n for n, f in FILES.items() if f["kind"] == "ics")
CSVS = sorted(n for n, f in FILES.items() if f["kind"] == "csv")
CUSTOMERS = MANIFEST["customers"]
ACCOUNT_FILES, DEAL_FILES = CUSTOMERS["accounts"], CUSTOMERS["deals"]
START, END = MANIFEST["window"]["start"], MANIFEST["window"]["end"]
NEAR = timedelta(days=2)


def in_window(day: date) -> bool:
    return START - NEAR <= day < END + NEAR


def test_manifest_shape():
    assert MANIFEST["organisation"]["name"] == "Northwind Components"
    assert MANIFEST["organisation"]["internal_domains"] == ["northwind.example"]
    assert (START, END) == (date(2026, 11, 16), date(2026, 11, 30))
    assert START.isoweekday() == 1 and (END - START).days == 14
    people = MANIFEST["people"]
    assert 4 <= len(people) <= 6
    roles = [p["role"] for p in people]
    assert roles.count("director") == 1 and roles.count("manager") == 1
    assert 3 <= roles.count("rep") <= 4
    teams = {t["name"] for t in MANIFEST["teams"]}
    for p in people:
        assert p["team"] in teams
        assert p["weekly_hours"] == 40
        assert 0 < p["proactive_target"] < 1
        assert p["email"] in p["aliases"] and p["name"] in p["aliases"]
        assert p["password"]


def test_emails_are_internal():
    for p in MANIFEST["people"]:
        assert re.fullmatch(r"[a-z.]+@northwind\.example", p["email"]), p["email"]
        for alias in p["aliases"]:
            assert "@" not in alias or alias.endswith("@northwind.example")
    for f in MANIFEST["files"]:
        for owner in [f.get("owner"), *f.get("owners", [])]:
            assert owner is None or owner.endswith("@northwind.example")


def test_every_listed_file_exists_and_is_described():
    listed = {n for p in MANIFEST["people"] for n in p["files"]}
    listed |= {n for t in MANIFEST["teams"] for n in t["shared_files"]}
    listed |= {*ACCOUNT_FILES, *DEAL_FILES}
    assert listed == set(FILES)
    on_disk = {p.name for p in demo_dir().iterdir() if not p.name.startswith(".")}
    assert on_disk == set(FILES)
    for name in FILES:
        assert (demo_dir() / name).stat().st_size > 0


def test_every_rep_has_a_calendar_and_a_crm_file():
    for p in MANIFEST["people"]:
        if p["role"] == "rep":
            kinds = {FILES[n]["kind"] for n in p["files"]}
            assert kinds == {"ics", "csv"}, p["name"]


@pytest.mark.parametrize("name", ICS)
def test_ics_parses_with_claimed_vtimezones(name):
    raw = (demo_dir() / name).read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    tzids = sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE"))
    assert tzids == sorted(FILES[name]["vtimezones"])
    for ev in cal.walk("VEVENT"):
        for prop in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            if prop in ev and "TZID" in ev[prop].params:
                assert str(ev[prop].params["TZID"]) in tzids


@pytest.mark.parametrize("name", ICS)
def test_ics_is_crlf_and_folded_at_75_octets(name):
    raw = (demo_dir() / name).read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # folding never splits a UTF-8 sequence


@pytest.mark.parametrize("name", ICS)
def test_ics_producer_layout(name):
    cal = icalendar.Calendar.from_ical((demo_dir() / name).read_bytes())
    prodid = str(cal["PRODID"])
    if name.startswith("outlook-"):
        assert prodid == "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
        assert all("X-MICROSOFT-CDO-BUSYSTATUS" in ev for ev in cal.walk("VEVENT"))
    else:
        assert prodid == "-//Google Inc//Google Calendar 70.9054//EN"
        assert str(cal["X-WR-CALNAME"]) == FILES[name]["owner"]
        assert str(cal["X-WR-TIMEZONE"]) == "Europe/Madrid"
        for ev in cal.walk("VEVENT"):
            if "RRULE" in ev:
                until = ev["RRULE"]["UNTIL"][0]
                assert until.tzinfo is not None and until.utcoffset() == timedelta(0)
            elif "RECURRENCE-ID" not in ev:
                assert ev["DTSTART"].to_ical().endswith(b"Z")


def test_outlook_quirks_present():
    lucia = icalendar.Calendar.from_ical((demo_dir() / "outlook-lucia.ics").read_bytes())
    events = lucia.walk("VEVENT")
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "<script>alert(1)</script> Pricing review" in summaries
    assert any("EXDATE" in e and "RRULE" in e for e in events)
    assert any("RECURRENCE-ID" in e for e in events)
    assert any(str(e.get("STATUS")) == "CANCELLED" for e in events)
    assert any(str(e.get("X-MICROSOFT-CDO-BUSYSTATUS")) == "OOF" for e in events)
    assert any(
        str(e.get("X-MICROSOFT-CDO-BUSYSTATUS")) == "FREE" and str(e.get("TRANSP")) == "TRANSPARENT"
        for e in events
    )
    assert any(
        str(a).lower() == "mailto:lucia.romero@northwind.example"
        and a.params.get("PARTSTAT") == "DECLINED"
        for e in events
        for a in _attendees(e)
    )
    assert {"Proactive", "Support", "Internal"} <= {
        str(c) for e in events if "CATEGORIES" in e for c in e["CATEGORIES"].cats
    }


def _attendees(ev) -> list:
    value = ev.get("ATTENDEE", [])
    return value if isinstance(value, list) else [value]


def test_google_quirks_present():
    for name in ("google-pablo.ics", "google-marta.ics"):
        cal = icalendar.Calendar.from_ical((demo_dir() / name).read_bytes())
        owner = "mailto:" + FILES[name]["owner"]
        events = cal.walk("VEVENT")
        assert any(
            str(a).lower() == owner and a.params.get("PARTSTAT") == "DECLINED"
            for e in events
            for a in _attendees(e)
        ), name
        assert all("CN" in a.params for e in events for a in _attendees(e))
    pablo = icalendar.Calendar.from_ical((demo_dir() / "google-pablo.ics").read_bytes())
    assert any(str(e.get("TRANSP")) == "TRANSPARENT" for e in pablo.walk("VEVENT"))
    assert any("RECURRENCE-ID" in e for e in pablo.walk("VEVENT"))


def _dates_in(cal: icalendar.Calendar) -> list[date]:
    days = []
    for ev in cal.walk("VEVENT"):
        if "RRULE" in ev:
            continue  # the masters start before the window; their occurrences are checked below
        value = ev.decoded("DTSTART")
        days.append(value.date() if isinstance(value, datetime) else value)
    return days


@pytest.mark.parametrize("name", ICS)
def test_ics_events_fall_in_the_window(name):
    import recurring_ical_events

    cal = icalendar.Calendar.from_ical((demo_dir() / name).read_bytes())
    assert all(in_window(d) for d in _dates_in(cal)), name
    occurrences = recurring_ical_events.of(cal).between(START, END)
    assert len(occurrences) >= 15


def _read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


@pytest.mark.parametrize("name", CSVS)
def test_csv_header_matches_the_vendor_layout(name):
    rows = _read_csv(demo_dir() / name)
    reference = _read_csv(FIXTURES / FILES[name]["layout"])
    assert rows[0] == reference[0]
    assert all(len(r) == len(rows[0]) for r in rows[1:])
    assert len(rows) > 10


@pytest.mark.parametrize("name", CSVS)
def test_csv_rows_fall_in_the_window_and_owners_resolve(name):
    rows = _read_csv(demo_dir() / name)
    header, body = rows[0], rows[1:]
    date_col = header.index("Activity date" if "Activity date" in header else "Activity - Due date")
    owner_col = header.index(
        "Activity assigned to"
        if "Activity assigned to" in header
        else "Activity - Assigned to user"
    )
    aliases = {a: p["email"] for p in MANIFEST["people"] for a in p["aliases"]}
    owners = set()
    for row in body:
        assert in_window(date.fromisoformat(row[date_col][:10])), row
        owners.add(aliases[row[owner_col]])
    assert owners == set(FILES[name]["owners"])
    assert len(owners) >= 2


def test_hostile_content_is_present_for_later_escaping_tests():
    hubspot = (demo_dir() / "hubspot-calls.csv").read_text(encoding="utf-8")
    titles = [r[1] for r in _read_csv(demo_dir() / "hubspot-calls.csv")[1:]]
    assert any(t.startswith("=HYPERLINK(") for t in titles)
    assert "Inbound" in hubspot


def test_generator_reproduces_the_checked_in_files():
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_demo_files.py"
    spec = importlib.util.spec_from_file_location("make_demo_files", script)
    assert spec is not None and spec.loader is not None
    make_demo_files = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up in sys.modules while being defined.
    sys.modules[spec.name] = make_demo_files
    spec.loader.exec_module(make_demo_files)
    built = make_demo_files.build()
    # The accounts and deals were written by hand, once; the script makes the activity files.
    assert set(built) == {n for n, f in FILES.items() if f["kind"] in ("ics", "csv")}
    for name, data in built.items():
        assert (demo_dir() / name).read_bytes() == data, (
            f"{name} differs from make_demo_files output"
        )


# ---------------------------------------------------------------- accounts and deals
# "Today" for the segment and funnel rules: the day after the demo window.
TODAY = END + timedelta(days=1)
REPS = {p["email"]: p for p in MANIFEST["people"] if p["role"] == "rep"}
ALIASES = {a: p["email"] for p in MANIFEST["people"] for a in p["aliases"]}
NOT_CUSTOMERS = {"partnerhub.example", "crmplugins.example"}  # an event organiser, a vendor


def _table(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((demo_dir() / name).read_text(encoding="utf-8"))))


def _accounts():
    log = CustomerReadLog(file=ACCOUNT_FILES[0])
    records = read_accounts(demo_dir() / ACCOUNT_FILES[0], log)
    assert log.error_count == 0 and log.warning_count == 0, log.errors + log.warnings
    return records


def _deals() -> list[DealRecord]:
    log = CustomerReadLog(file=DEAL_FILES[0])
    records = read_deals(demo_dir() / DEAL_FILES[0], log)
    assert log.error_count == 0 and log.warning_count == 0, log.errors + log.warnings
    return records


def _deals_by_account() -> dict[str, list[DealRecord]]:
    out: dict[str, list[DealRecord]] = defaultdict(list)
    for deal in _deals():
        out[deal.account_name].append(deal)
    return out


@pytest.mark.parametrize("name", [*ACCOUNT_FILES, *DEAL_FILES])
def test_customer_files_repeat_the_vendor_layout(name):
    rows = _read_csv(demo_dir() / name)
    assert rows[0] == _read_csv(FIXTURES / FILES[name]["layout"])[0]
    assert all(len(r) == len(rows[0]) for r in rows[1:])
    assert len({r[0] for r in rows[1:]}) == len(rows) - 1  # record ids are unique
    assert FILES[name]["kind"] == ("accounts" if name in ACCOUNT_FILES else "deals")


def test_accounts_are_the_companies_the_activities_name():
    accounts = _accounts()
    assert 15 <= len(accounts) <= 25
    names = {a.name for a in accounts}
    domains = {d for a in accounts for d in a.domains}
    assert all(len(a.domains) == 1 and a.domains[0].endswith(".example") for a in accounts)
    assert len(domains) == len(accounts)
    named = {r["Associated Company"] for r in _table("hubspot-calls.csv")}
    named |= {r["Activity - Organization"] for r in _table("pipedrive-activities.csv")}
    assert named - {""} <= names
    for name in ICS:
        cal = icalendar.Calendar.from_ical((demo_dir() / name).read_bytes())
        for ev in cal.walk("VEVENT"):
            for a in [*_attendees(ev), ev.get("ORGANIZER")]:
                domain = str(a).rpartition("@")[2].lower() if a and "@" in str(a) else ""
                if domain and domain != "northwind.example":
                    assert domain in domains | NOT_CUSTOMERS, (name, domain)


def test_owners_are_the_reps():
    for name in [*ACCOUNT_FILES, *DEAL_FILES]:
        records = _accounts() if name in ACCOUNT_FILES else _deals()
        owners = {ALIASES[r.owner] for r in records}
        assert owners == set(REPS) == set(FILES[name]["owners"]), name


def test_deals_link_to_accounts_and_are_in_euros_before_the_window_ends():
    deals = _deals()
    assert 40 <= len(deals) <= 80
    names = {a.name for a in _accounts()}
    assert {d.account_name for d in deals} <= names
    assert {d.currency for d in deals} == {"EUR"}
    assert all(d.amount and d.amount > 0 for d in deals)
    assert all(d.created and START - timedelta(days=3 * 365) <= d.created < END for d in deals)
    assert all(d.close_date and d.created <= d.close_date for d in deals)
    won, lost = [d for d in deals if d.won], [d for d in deals if d.closed and not d.won]
    opened = [d for d in deals if d.open]
    assert min(len(won), len(lost), len(opened)) >= 10
    assert all(d.close_date < END for d in won + lost)
    assert len({d.stage for d in deals}) >= 5


def test_companies_totals_agree_with_the_deals():
    deals = _deals_by_account()
    for row in _table(ACCOUNT_FILES[0]):
        mine = deals[row["Company name"]]
        won = sum((d.amount or Decimal(0) for d in mine if d.won), start=Decimal(0))
        assert Decimal(row["Total Revenue"] or 0) == won, row["Company name"]
        assert int(row["Number of open deals"]) == sum(1 for d in mine if d.open)
        assert (row["Lifecycle Stage"] == "Customer") == (won > 0)


def test_every_segment_has_accounts():
    deals = _deals_by_account()
    marked = set(CUSTOMERS["fully_penetrated"])
    assert marked <= {a.name for a in _accounts()}
    segments = {
        a.name: segment_for(deals[a.name], today=TODAY, fully_penetrated=a.name in marked)
        for a in _accounts()
    }
    counts = {s: sum(1 for v in segments.values() if v == s) for s in Segment}
    assert counts == {Segment.PROSPECT: 12, Segment.GROW: 9, Segment.MAINTAIN: 4}
    assert segments["Iberia Foods"] == Segment.MAINTAIN  # marked: renews every year
    assert segment_for(deals["Iberia Foods"], today=TODAY) == Segment.GROW  # unmarked
    assert segments["Bergen Subsea"] == Segment.MAINTAIN  # won over a year ago, nothing open
    assert segments["ACME Industrial"] == Segment.GROW  # won before, open deals
    assert segments["Murcia Riegos"] == Segment.GROW  # new business won this year, none open
    assert segments["Hispano Motors"] == Segment.PROSPECT  # open deals, none won


def test_lucias_funnel_is_measured_from_her_deals():
    period = funnel_period(TODAY)
    lucia = [d for d in _deals() if d.owner == "Lucía Romero" and in_period(d, period)]
    view = funnel_view(lucia, calls=9)  # her HubSpot calls in the window: too few to measure
    assert view.counts[1:] == (24, 16, 12, 6)
    assert [s.measured for s in view.steps] == [False, True, True, True]
    assert [s.rate for s in view.steps[1:]] == [Decimal(16) / 24, Decimal(12) / 16, Decimal(6) / 12]
    won = [
        d.amount for d in lucia if d.won and d.close_date and d.close_date >= TODAY - timedelta(365)
    ]
    assert sum(won) / len(won) == Decimal(60000)
    # Still measured for the first two months after the demo window.
    later = [d for d in lucia if in_period(d, funnel_period(TODAY + timedelta(days=60)))]
    assert len(later) == len(lucia)
