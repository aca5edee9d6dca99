"""Deterministic benchmark inputs: a busy one-year calendar and a large CRM calls export.

    .venv/bin/python benchmarks/generate.py calendar --events 50000 --seed 7
    .venv/bin/python benchmarks/generate.py crm --rows 1000000 --seed 7

Files go to benchmarks/data/ (ignored by git) and are rebuilt only when missing. The content
imitates what Exchange/Outlook and Google write: Windows and IANA TZIDs with their VTIMEZONE
blocks, UTC times, all-day entries, folded non-ASCII text, attendees with PARTSTAT, weekly and
daily series with EXDATEs, moved and cancelled overrides, alarms, free/busy flags.
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
YEAR = 2026
OWNER = "dana.reyes@northwind.example"
OWNER_NAME = "Dana Reyes"

# Outlook-style (Windows names, 1601 anchors) and Google-style (IANA) definitions.
VTIMEZONES = {
    "W. Europe Standard Time": ("+0100", "+0200", "CET", "CEST", "0200", "0300", 3, 10),
    "Romance Standard Time": ("+0100", "+0200", "CET", "CEST", "0200", "0300", 3, 10),
    "GMT Standard Time": ("+0000", "+0100", "GMT", "BST", "0100", "0200", 3, 10),
    "Europe/Madrid": ("+0100", "+0200", "CET", "CEST", "0200", "0300", 3, 10),
}
US_EASTERN = "Eastern Standard Time"
ZONE_WEIGHTS = [
    ("W. Europe Standard Time", 50),
    ("Romance Standard Time", 12),
    ("Z", 15),
    (US_EASTERN, 8),
    ("GMT Standard Time", 8),
    ("Europe/Madrid", 7),
]
OFFSETS = {  # standard offset in hours, to write UTC times of the same wall clock
    "W. Europe Standard Time": 1,
    "Romance Standard Time": 1,
    "GMT Standard Time": 0,
    "Europe/Madrid": 1,
    US_EASTERN: -5,
}
ACCOUNTS = [
    "ACME Industrial",
    "Nordic Parts AB",
    "Ibérica Válvulas S.L.",
    "Müller Antriebstechnik GmbH",
    "Contoso Ltd",
    "Fabrikam Inc",
    "Łódź Metal Sp. z o.o.",
    "Société Générale d'Usinage",
    "Tailspin Toys",
    "Wingtip Logistics",
    "Coho Winery",
    "Adventure Works",
    "Litware",
]
SUBJECTS = [
    "Discovery call with {a}",
    "Demo for {a}",
    "Proposal review – {a}",
    "QBR {a}",
    "Reunión de seguimiento con {a}",
    "Follow-up (Proactive) {a}",
    "Support escalation {a}",
    "Team meeting",
    "1:1 with manager",
    "Pipeline review",
    "Forecast call",
    "Lunch",
    "Focus time",
    "Travel to {a}",
    "Trade show prep",
    "Training: negotiation",
    "Internal sync",
    "Rückruf {a}",
    "Contract negotiation {a}",
    "Onboarding kickoff {a}",
]
COLLEAGUES = ["rita", "sam.ortiz", "lee.chen", "marta.gil", "jon.berg", "ana.silva"]
DESCRIPTION = (
    "Agenda: review of the open points, pricing for the next quarter and delivery dates. "
    "Notas: el cliente pidió una propuesta revisada con descuento por volumen – "
    "bitte Lieferzeiten prüfen. Join online: https://teams.microsoft.com/l/meetup-join/"
    "19%3ameeting_{n}%40thread.v2/0?context=%7b%22Tid%22%3a%22{n}%22%7d"
)


def fold(line: str) -> list[str]:
    """RFC 5545 folding at 75 octets, never inside a UTF-8 sequence."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return [line]
    parts: list[str] = []
    limit = 75
    while raw:
        cut = min(limit, len(raw))
        while cut < len(raw) and (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(("" if not parts else " ") + raw[:cut].decode("utf-8"))
        raw = raw[cut:]
        limit = 74
    return parts


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def vtimezone(tzid: str) -> list[str]:
    if tzid == US_EASTERN:
        std, dst, sname, dname, sat, dat = "-0500", "-0400", "EST", "EDT", "0200", "0200"
        return [
            "BEGIN:VTIMEZONE",
            f"TZID:{tzid}",
            "BEGIN:STANDARD",
            f"DTSTART:16010101T{sat}00",
            f"TZOFFSETFROM:{dst}",
            f"TZOFFSETTO:{std}",
            f"TZNAME:{sname}",
            "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            f"DTSTART:16010101T{dat}00",
            f"TZOFFSETFROM:{std}",
            f"TZOFFSETTO:{dst}",
            f"TZNAME:{dname}",
            "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]
    std, dst, sname, dname, sat, dat, _, _ = VTIMEZONES[tzid]
    anchor = "1970" if "/" in tzid else "1601"
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if "/" in tzid:
        lines.append(f"X-LIC-LOCATION:{tzid}")
    return lines + [
        "BEGIN:STANDARD",
        f"DTSTART:{anchor}1025T{dat}00",
        f"TZOFFSETFROM:{dst}",
        f"TZOFFSETTO:{std}",
        f"TZNAME:{sname}",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        f"DTSTART:{anchor}0329T{sat}00",
        f"TZOFFSETFROM:{std}",
        f"TZOFFSETTO:{dst}",
        f"TZNAME:{dname}",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]


class CalendarWriter:
    """One year of a busy shared Exchange calendar that also holds Google invitations."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    def uid(self) -> str:
        self.serial += 1
        if self.rng.random() < 0.7:
            return f"040000008200E00074C5B7101A82E008000000{self.serial:08X}{self.rng.getrandbits(64):016X}"
        return f"{self.rng.getrandbits(100):026x}{self.serial}@google.com"

    def workday(self) -> date:
        while True:
            day = date(YEAR, 1, 1) + timedelta(days=self.rng.randrange(365))
            if day.weekday() < 5 or self.rng.random() < 0.05:
                return day

    def zone(self) -> str:
        return self.rng.choices([z for z, _ in ZONE_WEIGHTS], [w for _, w in ZONE_WEIGHTS])[0]

    def stamp(self, moment: datetime, zone: str) -> tuple[str, str]:
        """(params, value) of a DATE-TIME written in `zone` ('Z': UTC from the wall clock)."""
        if zone == "Z":
            utc = moment - timedelta(hours=1)
            return "", utc.strftime("%Y%m%dT%H%M%SZ")
        return f";TZID={zone}", moment.strftime("%Y%m%dT%H%M%S")

    def common(self, summary: str, organizer: str, status: str) -> list[str]:
        rng = self.rng
        lines = [f"SUMMARY:{escape(summary)}"]
        lines.append(f"DTSTAMP:{YEAR - 1}1201T{rng.randrange(24):02d}{rng.randrange(60):02d}00Z")
        lines.append(f"ORGANIZER;CN={organizer.split('@')[0].title()}:mailto:{organizer}")
        partstat = rng.choices(
            ["ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION"], [80, 7, 8, 5]
        )[0]
        if organizer != OWNER:
            lines.append(
                f"ATTENDEE;CN={OWNER_NAME};ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};"
                f"RSVP=TRUE:mailto:{OWNER}"
            )
        for _ in range(rng.randrange(0, 5)):
            if rng.random() < 0.5:
                who = f"{rng.choice(COLLEAGUES)}@northwind.example"
            else:
                who = f"buyer{rng.randrange(500)}@{rng.choice(['acme', 'contoso', 'fabrikam'])}.example"
            lines.append(
                f"ATTENDEE;CN={who.split('@')[0]};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
                f"RSVP=TRUE:mailto:{who}"
            )
        if rng.random() < 0.4:
            lines.append(f"DESCRIPTION:{escape(DESCRIPTION.format(n=self.serial))}")
        if rng.random() < 0.3:
            lines.append(f"LOCATION:{escape(rng.choice(ACCOUNTS))}\\, Sala 2")
        if rng.random() < 0.15:
            lines.append(
                f"CATEGORIES:{rng.choice(['Proactive', 'Reactive', 'Internal', 'Red Category'])}"
            )
        free = rng.random() < 0.05
        lines.append(f"TRANSP:{'TRANSPARENT' if free else 'OPAQUE'}")
        lines.append(
            f"X-MICROSOFT-CDO-BUSYSTATUS:{'FREE' if free else rng.choice(['BUSY'] * 9 + ['OOF'])}"
        )
        lines.append(f"STATUS:{status}")
        lines.append(f"CLASS:{'PRIVATE' if rng.random() < 0.03 else 'PUBLIC'}")
        lines.append("PRIORITY:5")
        if rng.random() < 0.3:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:REMINDER",
                "TRIGGER;RELATED=START:-PT15M",
                "END:VALARM",
            ]
        return lines

    def summary(self) -> str:
        return self.rng.choice(SUBJECTS).format(a=self.rng.choice(ACCOUNTS))

    def organizer(self) -> str:
        return (
            OWNER if self.rng.random() < 0.3 else f"{self.rng.choice(COLLEAGUES)}@northwind.example"
        )

    def single(self) -> list[str]:
        rng = self.rng
        day = self.workday()
        lines = ["BEGIN:VEVENT", f"UID:{self.uid()}"]
        if rng.random() < 0.04:  # all-day, sometimes several days
            end = day + timedelta(days=rng.choice([1, 1, 1, 2, 3, 5]))
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
            lines.append("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")
        else:
            start = datetime(
                day.year, day.month, day.day, rng.randrange(7, 19), rng.choice([0, 15, 30, 45])
            )
            minutes = rng.choice([15, 30, 30, 30, 45, 60, 60, 60, 90, 120, 180])
            zone = self.zone()
            params, value = self.stamp(start, zone)
            lines.append(f"DTSTART{params}:{value}")
            if rng.random() < 0.1:
                lines.append(f"DURATION:PT{minutes // 60}H{minutes % 60}M")
            else:
                params, value = self.stamp(start + timedelta(minutes=minutes), zone)
                lines.append(f"DTEND{params}:{value}")
        status = (
            "CANCELLED" if rng.random() < 0.03 else rng.choice(["CONFIRMED"] * 9 + ["TENTATIVE"])
        )
        lines.append(f"SEQUENCE:{rng.randrange(3)}")
        return lines + self.common(self.summary(), self.organizer(), status) + ["END:VEVENT"]

    def series(self) -> list[list[str]]:
        """A weekly or daily master with EXDATEs, plus moved and cancelled overrides."""
        rng = self.rng
        uid = self.uid()
        zone = rng.choice(
            ["W. Europe Standard Time", "Romance Standard Time", "Europe/Madrid", US_EASTERN]
        )
        first = self.workday()
        start = datetime(
            first.year, first.month, first.day, rng.randrange(8, 17), rng.choice([0, 30])
        )
        minutes = rng.choice([15, 30, 30, 60])
        if rng.random() < 0.75:
            step = timedelta(weeks=1)
            day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][first.weekday()]
            count = rng.randrange(4, 30)
            rule = f"FREQ=WEEKLY;INTERVAL=1;BYDAY={day};WKST=MO"
            slots = [start + step * i for i in range(count)]
        else:
            count = rng.randrange(5, 25)
            rule = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"
            slots = []
            moment = start
            while len(slots) < count:
                if moment.weekday() < 5:
                    slots.append(moment)
                moment += timedelta(days=1)
        if rng.random() < 0.5:
            last = slots[-1] - timedelta(hours=OFFSETS[zone])
            rule += f";UNTIL={last:%Y%m%dT%H%M%S}Z"
        else:
            rule += f";COUNT={count}"
        organizer = self.organizer()
        summary = self.summary()
        master = ["BEGIN:VEVENT", f"UID:{uid}", f"RRULE:{rule}"]
        master.append(f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}")
        master.append(f"DTEND;TZID={zone}:{start + timedelta(minutes=minutes):%Y%m%dT%H%M%S}")
        later = slots[1:]
        rng.shuffle(later)
        excluded = later[: rng.choice([0, 0, 1, 2])] if len(later) > 3 else []
        if excluded:
            master.append(
                f"EXDATE;TZID={zone}:" + ",".join(f"{s:%Y%m%dT%H%M%S}" for s in sorted(excluded))
            )
        master += ["SEQUENCE:0"] + self.common(summary, organizer, "CONFIRMED") + ["END:VEVENT"]
        components = [master]
        for slot in later[len(excluded) : len(excluded) + rng.choice([0, 1, 1, 2])]:
            cancelled = rng.random() < 0.3
            moved = slot + timedelta(hours=rng.choice([1, 2, -1, 24]))
            override = [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                f"RECURRENCE-ID;TZID={zone}:{slot:%Y%m%dT%H%M%S}",
            ]
            override.append(f"DTSTART;TZID={zone}:{moved:%Y%m%dT%H%M%S}")
            override.append(f"DTEND;TZID={zone}:{moved + timedelta(minutes=minutes):%Y%m%dT%H%M%S}")
            override.append("SEQUENCE:1")
            status = "CANCELLED" if cancelled else "CONFIRMED"
            components.append(override + self.common(summary, organizer, status) + ["END:VEVENT"])
        return components

    def write(self, path: Path, events: int) -> None:
        head = [
            "BEGIN:VCALENDAR",
            "METHOD:PUBLISH",
            "PRODID:Microsoft Exchange Server 2010",
            "VERSION:2.0",
            "X-WR-CALNAME:Calendar",
        ]
        for tzid in [*VTIMEZONES, US_EASTERN]:
            head += vtimezone(tzid)
        written = 0
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write("\r\n".join(head) + "\r\n")
            while written < events:
                blocks = self.series() if self.rng.random() < 0.03 else [self.single()]
                for block in blocks[: events - written]:
                    out.write("".join(part + "\r\n" for line in block for part in fold(line)))
                    written += 1
            out.write("END:VCALENDAR\r\n")


# The header of the real HubSpot calls export the project's tests read.
HUBSPOT_FIXTURE = Path(__file__).resolve().parents[1] / "tests/fixtures/crm/hubspot-calls.csv"
with HUBSPOT_FIXTURE.open(encoding="utf-8-sig") as _fixture:
    HUBSPOT_HEADER = next(csv.reader(_fixture))


def write_crm(path: Path, rows: int, seed: int) -> None:
    """A HubSpot calls export (the layout of tests/fixtures/crm/hubspot-calls.csv) for one rep."""
    rng = random.Random(seed)
    notes = [
        "",
        "",
        "Discussed volumes.\nNext: demo",
        "Asked about lead times",
        "Left voicemail",
        "Precio, plazos; enviar propuesta",
        'Said "call back in Q3"',
    ]
    outcomes = [
        ("Connected", "Completed"),
        ("No answer", "No answer"),
        ("Busy", "Busy"),
        ("Left voicemail", "Completed"),
        ("Connected", "Completed"),
    ]
    start = datetime(YEAR, 1, 1, 8)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HUBSPOT_HEADER)
        for number in range(rows):
            moment = start + timedelta(
                minutes=rng.randrange((365 * 24 - 16) * 60)
            )  # within the year
            outcome, status = rng.choice(outcomes)
            duration = rng.randrange(20_000, 1_800_000) if status == "Completed" else 0
            account = rng.choice(ACCOUNTS)
            writer.writerow(
                [
                    51_000_000 + number,
                    rng.choice(
                        [
                            "Discovery call",
                            "Follow-up (Proactive)",
                            "Inbound question",
                            "Renewal call",
                            "Llamada de seguimiento",
                        ]
                    ),
                    moment.strftime("%Y-%m-%d %H:%M"),
                    OWNER_NAME,
                    duration,
                    rng.choice(["Outbound", "Outbound", "Inbound"]),
                    outcome,
                    status,
                    rng.choice(notes),
                    f"Contact {number % 997} (contact{number % 997}@example.com)",
                    account,
                    f"{account} - Line upgrade" if rng.random() < 0.3 else "",
                ]
            )


def calendar_path(events: int, seed: int) -> Path:
    path = DATA / f"calendar-{YEAR}-{events}-s{seed}.ics"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        CalendarWriter(seed).write(partial, events)
        partial.rename(path)
    return path


def crm_path(rows: int, seed: int) -> Path:
    path = DATA / f"hubspot-calls-{rows}-s{seed}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        write_crm(partial, rows, seed)
        partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["calendar", "crm"])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = (
        calendar_path(args.events, args.seed)
        if args.what == "calendar"
        else crm_path(args.rows, args.seed)
    )
    print(path)


if __name__ == "__main__":
    main()
