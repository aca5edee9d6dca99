"""Writes of the customer pillar: importing accounts and deals, linking activities, overrides.

Same guarantees as activity imports: one transaction per file; re-import upserts on
(organisation, source, source id) and changes nothing when the file did not change; a file
that is not what it claims stores nothing; `strict` rejects a file with any bad row. Manual
decisions (segment override, fully penetrated, qualification answers) survive re-import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from pillars.customers.models import (
    Account,
    AccountQualification,
    ActivityLink,
    CustomerImportRun,
    Deal,
)
from pillars.domain.customers_records import AccountRecord, DealRecord
from pillars.importers.base import duplicate_id
from pillars.importers.customers import (
    ACCOUNTS,
    DEALS,
    CustomerReadLog,
    read_accounts,
    read_deals,
)
from pillars.teams.models import Organization, Person, PersonAlias
from pillars.timeuse.models import Activity

BATCH = 500
ACCOUNT_FIELDS = ("name", "domains", "owner_ref", "owner_id", "crm_revenue", "currency",
                  "account_type", "line")  # fmt: skip
DEAL_FIELDS = ("name", "account_ref", "account_name", "owner_ref", "owner_id", "account_id",
               "stage", "funnel_stage", "amount", "currency", "created", "close_date", "closed",
               "won", "deal_type", "line")  # fmt: skip


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)


def owner_lookup(organization: Organization) -> dict[str, Person]:
    """How CRM owner columns may name people: e-mail, name, recorded alias (case-folded)."""
    people = list(Person.objects.filter(organization=organization))
    lookup = {p.email.casefold(): p for p in people} | {p.name.casefold(): p for p in people}
    by_id = {p.pk: p for p in people}
    for alias, person_id in PersonAlias.objects.filter(person__in=people).values_list(
        "alias", "person_id"
    ):
        lookup[alias.casefold()] = by_id[person_id]
    return lookup


def import_accounts(
    *,
    organization: Organization,
    path: Path,
    strict: bool = False,
    layout: str | None = None,
    mapping: dict[str, Any] | None = None,
    started_by: Any = None,
) -> CustomerImportRun:
    """Store the accounts of one CRM export, in one transaction."""
    log = CustomerReadLog(file=path.name)
    records = read_accounts(path, log, layout=layout, mapping=mapping)
    log.refuse_if_strict(strict)
    owners = owner_lookup(organization)
    return _store_records(
        organization, path, ACCOUNTS, records, log, started_by,
        lambda record, counts: _account_values(record, owners, counts, path.name),
    )  # fmt: skip


def import_deals(
    *,
    organization: Organization,
    path: Path,
    strict: bool = False,
    layout: str | None = None,
    mapping: dict[str, Any] | None = None,
    started_by: Any = None,
) -> CustomerImportRun:
    """Store the deals of one CRM export, linked to accounts by CRM id, else by name."""
    log = CustomerReadLog(file=path.name)
    records = read_deals(path, log, layout=layout, mapping=mapping)
    log.refuse_if_strict(strict)
    owners, accounts = owner_lookup(organization), _account_lookup(organization)
    return _store_records(
        organization, path, DEALS, records, log, started_by,
        lambda record, counts: _deal_values(record, owners, accounts, counts, path.name),
    )  # fmt: skip


def _store_records(
    organization: Organization,
    path: Path,
    kind: str,
    records: list[Any],
    log: CustomerReadLog,
    started_by: Any,
    values_of: Callable[[Any, _Counts], dict[str, Any]],
) -> CustomerImportRun:
    """Each (source, id) once, then created, updated or left alone in one transaction."""
    counts = _Counts(skipped=log.error_count + log.skipped_rows, problems=log.problem_dicts())
    values = {}
    for record in records:
        key = (record.source, record.source_id)
        if key in values:
            _duplicate(counts, path.name, record.line, record.source_id)
            continue
        values[key] = values_of(record, counts)
    model, fields = (Account, ACCOUNT_FIELDS) if kind == ACCOUNTS else (Deal, DEAL_FIELDS)
    with transaction.atomic():
        run = _start(organization, path, kind, records, started_by)
        _upsert(model, organization, run, values, fields, counts)
        return _finish(run, counts)


def _duplicate(counts: _Counts, file: str, line: int, source_id: str) -> None:
    counts.skipped += 1
    counts.problems.append(asdict(duplicate_id(file, line, source_id)))


def _owner(ref: str, owners: dict[str, Person], counts: _Counts, file: str, line: int) -> Any:
    if not ref:
        return None
    person = owners.get(ref.casefold())
    if person is None:
        message = (
            f"owner {ref!r} matches no one in the organisation: add it as a CRM name of the "
            "right person (People, or `pillars user alias EMAIL NAME`) and import again"
        )
        if not any(p["message"] == message for p in counts.problems):
            counts.problems.append(
                {"file": file, "line": line, "column": "owner", "record_id": "",
                 "message": message, "level": "warning"}
            )  # fmt: skip
        return None
    return person.pk


def _account_values(
    record: AccountRecord, owners: dict[str, Person], counts: _Counts, file: str
) -> dict[str, Any]:
    return {
        "name": record.name[:255],
        "domains": list(record.domains),
        "owner_ref": record.owner[:200],
        "owner_id": _owner(record.owner, owners, counts, file, record.line),
        "crm_revenue": record.revenue,
        "currency": record.currency[:3],
        "account_type": record.account_type[:100],
        "line": record.line,
    }


def _account_lookup(organization: Organization) -> dict[str, int]:
    """CRM account id -> account, and case-folded name -> account (ids win)."""
    rows = Account.objects.filter(organization=organization).values_list("pk", "source_id", "name")
    lookup = {name.casefold(): pk for pk, _sid, name in rows}
    lookup |= {f"id:{sid}": pk for pk, sid, _name in rows}
    return lookup


def _deal_values(
    record: DealRecord,
    owners: dict[str, Person],
    accounts: dict[str, int],
    counts: _Counts,
    file: str,
) -> dict[str, Any]:
    account = accounts.get(f"id:{record.account_id}") if record.account_id else None
    if account is None and record.account_name:
        account = accounts.get(record.account_name.casefold())
    return {
        "name": record.name[:255],
        "account_ref": record.account_id[:255],
        "account_name": record.account_name[:255],
        "owner_ref": record.owner[:200],
        "owner_id": _owner(record.owner, owners, counts, file, record.line),
        "account_id": account,
        "stage": record.stage[:100],
        "funnel_stage": record.funnel_stage.value if record.funnel_stage else "",
        "amount": record.amount,
        "currency": record.currency[:3],
        "created": record.created,
        "close_date": record.close_date,
        "closed": record.closed,
        "won": record.won,
        "deal_type": record.deal_type[:100],
        "line": record.line,
    }


def _start(
    organization: Organization,
    path: Path,
    kind: str,
    records: Sequence[AccountRecord | DealRecord],
    started_by: Any,
) -> CustomerImportRun:
    return CustomerImportRun.objects.create(
        organization=organization,
        started_by=started_by if getattr(started_by, "pk", None) else None,
        kind=kind,
        file_name=path.name[:255],
        source_kind=",".join(sorted({r.source for r in records}))[:60],
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def _finish(run: CustomerImportRun, counts: _Counts) -> CustomerImportRun:
    for name in ("created", "updated", "unchanged", "skipped", "problems"):
        setattr(run, name, getattr(counts, name))
    run.save(update_fields=["created", "updated", "unchanged", "skipped", "problems"])
    return run


def _upsert(
    model: type[Account] | type[Deal],
    organization: Organization,
    run: CustomerImportRun,
    values: dict[tuple[str, str], dict[str, Any]],
    fields: Sequence[str],
    counts: _Counts,
) -> None:
    sources = {source for source, _ in values}
    existing = {
        (row.source, row.source_id): row
        for row in model.objects.filter(organization=organization, source__in=sources)
    }
    to_create: list[Any] = []
    to_update: list[Any] = []
    for (source, source_id), row_values in values.items():
        row = existing.get((source, source_id))
        if row is None:
            to_create.append(
                model(
                    organization=organization,
                    import_run=run,
                    source=source,
                    source_id=source_id,
                    **row_values,
                )  # fmt: skip
            )
        elif any(_differs(getattr(row, k), v) for k, v in row_values.items()):
            for name, value in row_values.items():
                setattr(row, name, value)
            row.import_run = run
            to_update.append(row)
        else:
            counts.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=BATCH)
    model.objects.bulk_update(to_update, [*fields, "import_run"], batch_size=BATCH)
    counts.created += len(to_create)
    counts.updated += len(to_update)


def _differs(stored: Any, new: Any) -> bool:
    return bool(stored != new)


@dataclass
class LinkReport:
    """What link_activities did: links by how, and what matched nothing in the activities
    left unlinked: the account texts and the external attendees' e-mail domains."""

    linked: int = 0
    by: dict[str, int] = field(default_factory=dict)
    unlinked: int = 0
    unmatched_accounts: dict[str, int] = field(default_factory=dict)
    unmatched_domains: dict[str, int] = field(default_factory=dict)

    def note_unlinked(self, account: str, domains: set[str]) -> None:
        self.unlinked += 1
        if account:
            self.unmatched_accounts[account] = self.unmatched_accounts.get(account, 0) + 1
        for domain in domains:
            self.unmatched_domains[domain] = self.unmatched_domains.get(domain, 0) + 1


@transaction.atomic
def link_activities(*, organization: Organization) -> LinkReport:
    """Link every activity of the organisation to an account: by CRM id or name in its
    account field, else by an external attendee's e-mail domain. Re-running changes nothing."""
    accounts = list(Account.objects.filter(organization=organization))
    by_ref = {a.source_id: a.pk for a in accounts}
    by_ref |= {f"name:{a.name.casefold()}": a.pk for a in accounts}
    by_domain = {d: a.pk for a in accounts for d in a.domains}
    internal = set(organization.domain_list())
    # Colleagues' own domains are not accounts to find, even when the organisation lists none.
    own = {
        email.rpartition("@")[2].casefold()
        for email in Person.objects.filter(organization=organization).values_list(
            "email", flat=True
        )
    }
    report = LinkReport()
    existing = dict(
        ActivityLink.objects.filter(account__organization=organization).values_list(
            "activity_id", "account_id"
        )
    )
    rows = Activity.objects.filter(person__organization=organization).only(
        "pk", "account", "attendees", "organizer"
    )
    found: dict[int, tuple[int, str]] = {}
    for row in rows.iterator():
        match = _match(row, by_ref, by_domain, internal)
        if match is None:
            report.note_unlinked(row.account, _external_domains(row, internal | own))
            continue
        found[row.pk] = match
        report.by[match[1]] = report.by.get(match[1], 0) + 1
    report.linked = len(found)
    _store_links(found, existing)
    return report


def _external_domains(row: Activity, internal: set[str]) -> set[str]:
    """The e-mail domains of the entry's attendees and organiser outside the organisation."""
    domains = set()
    for email in [*row.attendees, row.organizer]:
        text = str(email)
        domain = text.rpartition("@")[2].strip().casefold() if "@" in text else ""
        if domain and domain not in internal:
            domains.add(domain)
    return domains


def _match(
    row: Activity, by_ref: dict[str, int], by_domain: dict[str, int], internal: set[str]
) -> tuple[int, str] | None:
    text = row.account.strip()
    if text in by_ref:
        return by_ref[text], "crm id"
    if f"name:{text.casefold()}" in by_ref:
        return by_ref[f"name:{text.casefold()}"], "name"
    for email in [*row.attendees, row.organizer]:
        domain = str(email).rpartition("@")[2].casefold()
        if domain and domain not in internal and domain in by_domain:
            return by_domain[domain], "domain"
    return None


def _store_links(found: dict[int, tuple[int, str]], existing: dict[int, int]) -> None:
    stale = [pk for pk in existing if pk not in found]
    ActivityLink.objects.filter(activity_id__in=stale).delete()
    changed = [pk for pk, (account, _how) in found.items() if existing.get(pk) != account]
    ActivityLink.objects.filter(activity_id__in=changed).delete()
    ActivityLink.objects.bulk_create(
        [ActivityLink(activity_id=pk, account_id=found[pk][0], how=found[pk][1]) for pk in changed],
        batch_size=BATCH,
    )


@transaction.atomic
def override_segment(*, account: Account, segment: str | None, fully_penetrated: bool) -> Account:
    """Set (or with ""/None clear) the manual segment and the fully-penetrated mark."""
    account.segment_override = segment or ""
    account.fully_penetrated = fully_penetrated
    account.full_clean(exclude=["organization", "owner", "import_run"])
    account.save(update_fields=["segment_override", "fully_penetrated"])
    return account


@transaction.atomic
def answer_qualification(*, account: Account, answers: dict[str, str]) -> AccountQualification:
    """Store the qualification answers of one account (blank answers clear a question)."""
    row, _ = AccountQualification.objects.get_or_create(account=account)
    for name in AccountQualification.QUESTIONS:
        if name in answers:
            setattr(row, name, answers[name].strip())
    row.save()
    return row
