"""`manage.py load_demo`: the bundled demo team, its logins and its imported exports.

After each person's activities, the organisation's accounts and deals (the manifest's
`[customers]`) are imported and the activities linked to accounts, with the same actions as
`pillars plan import-accounts`, `import-deals` and `link-activities`.

Idempotent: a second run finds everything in place and reports every entry unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pillars.customers.actions import (
    import_accounts,
    import_deals,
    link_activities,
    override_segment,
)
from pillars.customers.models import Account, CustomerImportRun
from pillars.demo import demo_dir, load_manifest
from pillars.domain.window import midnight
from pillars.errors import PillarsError
from pillars.importers.base import ReadOptions
from pillars.teams.actions import (
    add_aliases,
    create_organization,
    create_person,
    create_team,
    create_user_for_person,
)
from pillars.teams.models import Organization, Person, Role
from pillars.timeuse.actions import import_activities

# `make run` passes the address it serves on (HOST/PORT may be changed there).
DEMO_URL = os.environ.get("PILLARS_URL", "http://127.0.0.1:8000/")


class Command(BaseCommand):
    help = "Load the bundled demo team (idempotent): people, logins and their imported exports."

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = load_manifest()
        try:
            with transaction.atomic():
                people = self.load_people(manifest)
            self.import_files(manifest, people)
            if people:
                self.import_customers(manifest, people[0][0].organization)
        except PillarsError as exc:
            raise CommandError(str(exc)) from exc
        self.print_login(manifest)

    def load_people(self, manifest: Mapping[str, Any]) -> list[tuple[Person, Mapping[str, Any]]]:
        org_data = manifest["organisation"]
        org = create_organization(
            name=org_data["name"], internal_domains=org_data.get("internal_domains", [])
        )
        teams = {
            t["name"]: create_team(organization=org, name=t["name"]) for t in manifest["teams"]
        }
        people = []
        for entry in manifest["people"]:
            person = create_person(
                organization=org,
                email=entry["email"],
                name=entry["name"],
                role=Role(entry.get("role", Role.REP)),
                team=teams.get(entry.get("team", "")),
                weekly_hours=Decimal(str(entry.get("weekly_hours", 40))),
                timezone=entry.get("timezone"),
                proactive_target=_share(entry.get("proactive_target")),
            )
            add_aliases(person=person, aliases=entry.get("aliases", []))
            if entry.get("password"):
                create_user_for_person(person=person, password=entry["password"])
            people.append((person, entry))
        self.stdout.write(f"{org.name}: {len(teams)} team(s), {len(people)} people")
        return people

    def import_files(
        self, manifest: Mapping[str, Any], people: list[tuple[Person, Mapping[str, Any]]]
    ) -> None:
        window = manifest["window"]
        owners = {f["name"]: f.get("owners") for f in manifest.get("files", [])}
        shared = {t["name"]: t.get("shared_files", []) for t in manifest["teams"]}
        for person, entry in people:
            team_files = [
                name
                for name in shared.get(entry.get("team"), [])
                if owners.get(name) is None or person.email in owners[name]
            ]
            names = list(dict.fromkeys([*entry.get("files", []), *team_files]))
            tz = ZoneInfo(person.timezone)
            options = ReadOptions(
                window=(midnight(window["start"], tz), midnight(window["end"], tz)),
                tz=tz,
                owner=person.email,
            )
            for name in names:
                self.import_one(person, demo_dir() / name, options)

    def import_one(self, person: Person, path: Path, options: ReadOptions) -> None:
        run = import_activities(person=person, path=path, options=options)
        problems = len(run.problems)
        self.stdout.write(
            f"  {person.name:<18} {path.name:<26} created {run.created:>3}  updated "
            f"{run.updated:>3}  unchanged {run.unchanged:>3}  skipped {run.skipped:>3}"
            + (f"  problems {problems}" if problems else "")
        )

    def import_customers(self, manifest: Mapping[str, Any], organization: Organization) -> None:
        """Accounts, then deals (linked to the accounts), the accounts marked fully penetrated,
        then the activities linked to accounts."""
        customers = manifest.get("customers", {})
        for name in customers.get("accounts", []):
            self.write_run(
                "accounts", import_accounts(organization=organization, path=demo_dir() / name)
            )
        for name in customers.get("deals", []):
            self.write_run("deals", import_deals(organization=organization, path=demo_dir() / name))
        if not customers:
            return
        for account in Account.objects.filter(
            organization=organization, name__in=customers.get("fully_penetrated", [])
        ):
            if not account.fully_penetrated:  # keeps a segment chosen on the account page
                override_segment(
                    account=account, segment=account.segment_override, fully_penetrated=True
                )
        report = link_activities(organization=organization)
        how = ", ".join(f"{count} by {way}" for way, count in sorted(report.by.items()))
        self.stdout.write(
            f"  Activities linked to accounts: {report.linked}"
            + (f" ({how})" if how else "")
            + f", not linked {report.unlinked}"
        )

    def write_run(self, what: str, run: CustomerImportRun) -> None:
        problems = len(run.problems)
        self.stdout.write(
            f"  {what.capitalize():<18} {run.file_name:<26} created {run.created:>3}  updated "
            f"{run.updated:>3}  unchanged {run.unchanged:>3}  skipped {run.skipped:>3}"
            + (f"  problems {problems}" if problems else "")
        )

    def print_login(self, manifest: Mapping[str, Any]) -> None:
        """Every demo login, director first: each role sees a different part of the data."""
        logins = [p for p in manifest["people"] if p.get("password")]
        if not logins:
            return
        order = [Role.DIRECTOR, Role.MANAGER, Role.REP]
        logins.sort(key=lambda p: order.index(p.get("role", Role.REP)))
        self.stdout.write(self.style.SUCCESS(f"Log in at {DEMO_URL} as any of:"))
        for login in logins:
            self.stdout.write(
                f"  {login.get('role', Role.REP):<9} {login['email']:<36} {login['password']}"
            )


def _share(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))
