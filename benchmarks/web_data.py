"""The web benchmark's dataset: one organisation, its teams and a year of their activities.

Built by `benchmarks/web.py` (its `--people`, `--weeks`, `--entries`). Deterministic (seeded): the same sizes give the same rows, on SQLite or PostgreSQL. People
are made with the project's own actions (`create_organization`, `create_team`, `add_user`,
`create_person`); activities go in with `fastinsert.insert_activities` (one prepared INSERT),
a person at a time. The build runs in the Django process it is called from.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

DOMAIN = "bench.example"
PASSWORD = "Web-bench-pillars-2026"  # passes the validators; loopback-only benchmark logins
TEAM_NAMES = ("Iberia", "France", "DACH", "Benelux", "Nordics", "Italy", "UK", "Poland")
ZONES = ("Europe/Madrid", "Europe/Madrid", "Europe/Paris", "Europe/Berlin", "Europe/London")
ACCOUNTS = tuple(
    f"{name} {kind}"
    for name in (
        "Acme",
        "Globex",
        "Initech",
        "Umbrella",
        "Hooli",
        "Stark",
        "Wayne",
        "Soylent",
        "Tyrell",
        "Wonka",
    )
    for kind in ("SA", "Ltd")
)
# (kind, source, crm_type, share of a day's entries, minutes low..high)
MIX = (
    ("meeting", "ics", "", 0.12, (30, 60)),
    ("call", "hubspot-calls", "Call", 0.35, (3, 15)),
    ("email", "hubspot-emails", "Email", 0.40, (1, 5)),
    ("task", "salesforce-tasks", "Task", 0.13, (10, 20)),
)
OVERRIDE_SHARE = 0.02  # entries a person re-categorised by hand
VACATION_DAYS = 20  # all-day out-of-office days a year (no other entries that day)


@dataclass(frozen=True)
class Size:
    people: int = 50
    weeks: int = 52
    entries: int = 500_000

    @property
    def per_day(self) -> int:
        working = self.weeks * 5 - VACATION_DAYS * self.weeks // 52
        return max(1, round(self.entries / (self.people * max(working, 1))))

    @property
    def key(self) -> str:
        return f"p{self.people}-w{self.weeks}-e{self.entries}-v2"


def last_week_end(today: date) -> date:
    """The Sunday before today's ISO week: the data ends there, like a fresh export."""
    return today - timedelta(days=today.weekday() + 1)


def viewers() -> dict[str, Any]:
    """The logins and pages the benchmark uses, from the built database (needs Django)."""
    from pillars.teams.models import Person, Role

    director = Person.objects.get(email=f"director@{DOMAIN}")
    managers = list(Person.objects.filter(role=Role.MANAGER).order_by("team__name"))
    first = managers[0]
    reps = list(Person.objects.filter(team=first.team, role=Role.REP).order_by("pk"))
    return {
        "director": director.email,
        "manager": first.email,
        "managers": [m.email for m in managers],
        "team_id": first.team_id,
        "team_size": Person.objects.filter(team=first.team).count(),
        "person_id": reps[0].pk,
        # A manager sees the reps of their team and themself (not a director placed there).
        "team_people": {
            m.email: [
                m.pk,
                *Person.objects.filter(team=m.team, role=Role.REP).values_list("pk", flat=True),
            ]
            for m in managers
        },
        "all_people": list(Person.objects.values_list("pk", flat=True)),
        "teams": list(Person.objects.exclude(team=None).values_list("team", flat=True).distinct()),
    }


def build(size: Size, today: date) -> dict[str, int]:
    """Create the organisation, people and activities; returns counts. Expects an empty db."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from pillars.teams.actions import add_user, create_organization, create_team
    from pillars.teams.models import Person, Role
    from pillars.timeuse.fastinsert import insert_activities
    from pillars.timeuse.models import ImportRun, Target

    rng = random.Random(7)
    org = create_organization(name="Bench Sales", internal_domains=[DOMAIN])
    team_count = max(1, min(len(TEAM_NAMES), round(size.people / 12.5)))
    teams = [create_team(organization=org, name=name) for name in TEAM_NAMES[:team_count]]
    people: list[Person] = []
    for n in range(size.people):
        if n == 0:
            role, email = Role.DIRECTOR, f"director@{DOMAIN}"
        elif n <= team_count:
            role, email = Role.MANAGER, f"manager{n}@{DOMAIN}"
        else:
            role, email = Role.REP, f"rep{n}@{DOMAIN}"
        team = teams[(n - 1) % team_count] if n else teams[0]
        # One password hash, copied to the other logins (hashing 50 times takes half a minute).
        person = add_user(
            organization=org,
            email=email,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
            role=role,
            team=team,
            password=PASSWORD if n == 0 else None,
        )
        person.timezone = ZONES[n % len(ZONES)]
        person.weekly_hours = Decimal("40") if n % 7 else Decimal("32")
        person.save(update_fields=["timezone", "weekly_hours"])
        people.append(person)
    hashed = get_user_model().objects.get(username=people[0].email).password
    get_user_model().objects.update(password=hashed)
    for team in teams:
        Target.objects.create(team=team, share=Decimal("0.400"))
    Target.objects.create(person=people[-1], share=Decimal("0.350"), hours_per_week=Decimal("30"))

    last_day = last_week_end(today)
    first_day = last_day - timedelta(days=7 * size.weeks - 1)
    total = 0
    for index, person in enumerate(people):
        runs = {
            source: ImportRun.objects.create(person=person, file_name=f"{source}.export")
            for _, source, *_ in MIX
        }
        rows = list(_person_rows(index, person, runs, first_day, size, rng))
        with transaction.atomic():
            for start in range(0, len(rows), 20_000):
                insert_activities(rows[start : start + 20_000])
        for run in runs.values():
            run.created = sum(1 for r in rows if r["import_run_id"] == run.pk)
            run.save(update_fields=["created"])
        total += len(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"people": len(people), "teams": len(teams), "activities": total}


def _person_rows(
    index: int,
    person: Any,
    runs: dict[str, Any],
    first_day: date,
    size: Size,
    rng: random.Random,
) -> Any:
    tz = ZoneInfo(person.timezone)
    kinds = [m for m in MIX for _ in range(round(m[3] * 100))]
    working = [first_day + timedelta(days=d) for d in range(7 * size.weeks)]
    working = [d for d in working if d.weekday() < 5]
    away = set(rng.sample(working, min(VACATION_DAYS * size.weeks // 52, len(working) - 1)))
    serial = 0
    for day in working:
        serial += 1
        if day in away:
            start = datetime.combine(day, time(0), tzinfo=tz)
            yield _row(
                person,
                runs["ics"],
                f"oof-{index}-{serial}",
                start,
                start + timedelta(days=1),
                "meeting",
                "",
                "",
                "Vacation",
                all_day=True,
                busy_status="OOF",
                category="internal",
                rule="default: all-day",
            )
            continue
        moment = datetime.combine(day, time(8, 30), tzinfo=tz).astimezone(UTC)
        for _ in range(size.per_day):
            serial += 1
            kind, source, crm_type, _, (low, high) = rng.choice(kinds)
            minutes = rng.randint(low, high)
            end = moment + timedelta(minutes=minutes)
            yield _activity(
                person,
                runs[source],
                f"{source}-{index}-{serial}",
                moment,
                end,
                kind,
                source,
                crm_type,
                rng,
            )
            moment = end + timedelta(minutes=rng.choice((0, 0, 1, 2, 5)))


def _activity(
    person: Any,
    run: Any,
    source_id: str,
    start: datetime,
    end: datetime,
    kind: str,
    source: str,
    crm_type: str,
    rng: random.Random,
) -> dict[str, Any]:
    account = rng.choice(ACCOUNTS)
    direction = rng.choice(("inbound", "outbound", "outbound")) if kind in {"call", "email"} else ""
    external = kind != "meeting" or rng.random() < 0.6
    if kind == "meeting":
        category, rule = (
            ("proactive", "default: external meeting")
            if external
            else ("internal", "default: internal meeting")
        )
    elif kind == "task":
        category, rule = "internal", "default: task"
    elif direction == "outbound":
        category, rule = "proactive", f"default: outbound {kind}"
    else:
        category, rule = "reactive", f"default: inbound {kind}"
    attendees = [person.email, f"colleague{rng.randint(1, 40)}@{DOMAIN}"]
    if external:
        attendees.append(f"buyer{rng.randint(1, 9)}@{account.split()[0].lower()}.example")
    draw = rng.random()
    extra: dict[str, Any] = {}
    if kind == "meeting" and draw < 0.03:
        extra["partstat"] = "DECLINED"
    elif kind == "meeting" and draw < 0.05:
        extra["transparent"], extra["busy_status"] = True, "FREE"
    if rng.random() < OVERRIDE_SHARE:
        extra["override_category"] = rng.choice(
            [c for c in ("proactive", "reactive", "internal") if c != category]
        )
    summary = f"{kind.title()} with {account}" if external else "Team sync"
    return _row(
        person,
        run,
        source_id,
        start,
        end,
        kind,
        crm_type,
        direction,
        summary,
        account=account if external else "",
        attendees=attendees,
        owner=person.email if source != "ics" else "",
        category=category,
        rule=rule,
        **extra,
    )


def _row(
    person: Any,
    run: Any,
    source_id: str,
    start: datetime,
    end: datetime,
    kind: str,
    crm_type: str,
    direction: str,
    summary: str,
    **fields: Any,
) -> dict[str, Any]:
    row = {
        "person_id": person.pk,
        "import_run_id": run.pk,
        "created_by_run_id": run.pk,
        "source": run.file_name.split(".")[0],
        "source_id": source_id,
        "start": start,
        "end": end,
        "summary": summary,
        "kind": kind,
        "crm_type": crm_type,
        "direction": direction,
        "organizer": person.email if kind == "meeting" else "",
        "status": "CONFIRMED" if kind == "meeting" else "",
        "attendees": [],
        "tags": [],
    }
    row.update(fields)
    return row


FIRST = (
    "Ana",
    "Ben",
    "Carla",
    "Diego",
    "Eva",
    "Femi",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Marc",
    "Nora",
    "Omar",
    "Paula",
    "Quim",
    "Rosa",
    "Sven",
    "Tara",
)
LAST = (
    "Alonso",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Huber",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Novak",
    "Olsen",
    "Perez",
    "Rossi",
    "Schmidt",
)
