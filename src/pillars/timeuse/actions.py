"""Writes of the time pillar: importing a file of activities, overriding a category.

Decisions:
- Every entry the file holds for the person is stored, also the ones that are not working
  time (cancelled, declined, free/transparent, all-day): the person page shows them struck
  through with the reason, and the report leaves them out (domain/attendance.py). Only rows
  the importer rejected, duplicates of a key already seen in the same file, and rows that
  belong to another owner are skipped.
- A re-import of an unchanged file still records an ImportRun (created=0, updated=0), so the
  person can see when their data was last refreshed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from pillars.domain.records import Activity as ActivityRecord
from pillars.domain.records import Category, Classified, RowError
from pillars.importers.base import MAX_KEPT_PROBLEMS, ReadLog, ReadOptions, duplicate_id
from pillars.importers.files import read_activities
from pillars.teams.models import Person
from pillars.timeuse.convert import (
    COMPARED_FIELDS,
    WRITTEN_FIELDS,
    new_row,
    row_values,
    snapshot,
    storage_key,
)
from pillars.timeuse.fastinsert import insert_activities
from pillars.timeuse.models import Activity, ImportChange, ImportRun, ImportStatus
from pillars.timeuse.rules import OwnerFilter, classifier_for
from pillars.timeuse.spool import Spool
from pillars.timeuse.week_cache import touch_people

CHUNK = 1000  # rows per existence query and per progress call
BATCH = 500  # rows per INSERT / UPDATE statement


@dataclass
class Counts:
    file: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    unlisted_duplicates: int = 0


def import_activities(
    *,
    person: Person,
    path: Path,
    options: ReadOptions,
    strict: bool = False,
    started_by: Any = None,
    progress: Callable[[int], None] | None = None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Read one calendar or CRM file and store the person's entries in it, in one transaction.

    Raises ImportFileError when the file is not what it claims (nothing stored) and, with
    `strict`, StrictImportError when any row is bad (nothing stored). `progress(n)` is called
    with the number of rows read so far, every CHUNK rows. A queued `run` (a web upload) is
    filled in and marked done instead of creating a new one. Each updated row's previous
    values are kept (ImportChange) so the run can be undone. Memory stays bounded: the file
    is read once into a spool on disk, then written chunk by chunk.
    """
    log = ReadLog(file=path.name)
    records = read_activities(path, options, log)
    with Spool() as spool:
        spool.fill(records, classifier_for(person), progress)
        log.refuse_if_strict(strict)
        return _store(
            person=person,
            spool=spool,
            name=path.name,
            started_by=started_by,
            run=run,
            sha256=_sha256(path),
            skipped=log.error_count,
            problems=log.problem_dicts(),
        )


def store_activities(
    *,
    person: Person,
    records: Iterable[ActivityRecord],
    name: str,
    started_by: Any = None,
    run: ImportRun | None = None,
    sha256: str = "",
    skipped: int = 0,
    problems: Sequence[dict[str, Any]] = (),
) -> ImportRun:
    """Store read records as one import run, in one transaction: the person's rows of them
    (owner attribution), classified by the organisation's rules, each key once, created,
    updated or left unchanged. A file import and an API push (name "api") both end here.

    `skipped` and `problems` are what reading already found (bad rows and their messages).
    """
    with Spool() as spool:
        spool.fill(records, classifier_for(person))
        return _store(
            person=person,
            spool=spool,
            name=name,
            started_by=started_by,
            run=run,
            sha256=sha256,
            skipped=skipped,
            problems=problems,
        )


def _store(
    *,
    person: Person,
    spool: Spool,
    name: str,
    started_by: Any,
    run: ImportRun | None,
    sha256: str,
    skipped: int,
    problems: Sequence[dict[str, Any]],
) -> ImportRun:
    owners = OwnerFilter(person, spool.owners)
    counts = Counts(name, skipped=skipped)
    counts.problems = list(problems)
    seen: set[bytes] = set()
    with transaction.atomic():
        if run is None:
            run = ImportRun.objects.create(
                person=person,
                started_by=started_by if getattr(started_by, "pk", None) else None,
                file_name=name[:255],
            )
        run.source_kind = ",".join(sorted(spool.sources))[:60]
        run.sha256 = sha256
        # A first import of these sources has nothing stored to compare with: skip the lookups.
        stored = Activity.objects.filter(person=person, source__in=spool.sources).exists()
        for chunk in spool.chunks():
            mine = _first_of_each_key(owners.mine(chunk), counts, seen)
            _write_chunk(person, run, mine, counts, stored=stored)
        counts.skipped += owners.others
        counts.problems += [{**problem, "file": name} for problem in owners.problems()]
        if counts.unlisted_duplicates:
            message = f"{counts.unlisted_duplicates:,} more duplicate ids are not listed"
            counts.problems.append(asdict(RowError(name, None, None, message, "", "warning")))
        for field_name in ("created", "updated", "unchanged", "skipped", "problems"):
            setattr(run, field_name, getattr(counts, field_name))
        # Rows read: the ones kept and the bad ones the reader skipped.
        run.rows_read = spool.count + skipped
        run.status, run.finished_at = ImportStatus.DONE, timezone.now()
        run.save()
        if counts.created or counts.updated:
            touch_people([person.pk])
    return run


@transaction.atomic
def override_category(*, activity: Activity, category: str | None) -> Activity:
    """Set (or with None/"" clear) a person's own category for one entry; re-imports keep it."""
    value = Category(category).value if category else ""
    if value == Category.UNLOGGED:
        raise ValueError("an entry cannot be overridden to 'unlogged'")
    if activity.override_category != value:
        activity.override_category = value
        activity.save(update_fields=["override_category"])
        touch_people([activity.person_id])
    return activity


def _write_chunk(
    person: Person,
    run: ImportRun,
    keyed: list[tuple[tuple[str, str], Classified]],
    counts: Counts,
    *,
    stored: bool,
) -> None:
    keys = [key for key, _ in keyed]
    items = [item for _, item in keyed]
    # Plain values, not model instances: most rows of a re-import are unchanged.
    existing = _existing_rows(person, keys) if stored else {}
    to_create: list[dict[str, Any]] = []
    changed: dict[int, dict[str, Any]] = {}
    for (source, source_id), item in zip(keys, items, strict=True):
        values = row_values(item)
        row = existing.get((source, source_id))
        if row is None:
            to_create.append(new_row(person.pk, run.pk, (source, source_id), values))
        elif any(row[name] != values[name] for name in COMPARED_FIELDS):
            changed[row["pk"]] = values
        else:
            counts.unchanged += 1
    insert_activities(to_create)
    _update_rows(run, changed)
    counts.created += len(to_create)
    counts.updated += len(changed)


def _existing_rows(
    person: Person, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Stored rows with these keys, one query per source so the unique index is used.

    Without `order_by()` the model's default ordering makes SQLite pick the (person, start)
    index and scan all of the person's rows for every chunk.
    """
    by_source: dict[str, list[str]] = {}
    for source, source_id in keys:
        by_source.setdefault(source, []).append(source_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for source, ids in by_source.items():
        rows = (
            Activity.objects.filter(person=person, source=source, source_id__in=ids)
            .order_by()
            .values("pk", "source", "source_id", *COMPARED_FIELDS)
        )
        found.update(((row["source"], row["source_id"]), row) for row in rows)
    return found


def _update_rows(run: ImportRun, changed: dict[int, dict[str, Any]]) -> None:
    """Write the new values, keeping each row's previous ones so the run can be undone."""
    if not changed:
        return
    rows = Activity.objects.in_bulk(list(changed))
    changes = [ImportChange(run=run, activity=row, previous=snapshot(row)) for row in rows.values()]
    for pk, row in rows.items():
        for name, value in changed[pk].items():
            setattr(row, name, value)
        row.import_run = run
    Activity.objects.bulk_update(list(rows.values()), WRITTEN_FIELDS, batch_size=BATCH)
    ImportChange.objects.bulk_create(changes, batch_size=BATCH)


def _first_of_each_key(
    items: list[Classified], counts: Counts, seen: set[bytes]
) -> list[tuple[tuple[str, str], Classified]]:
    """Each key once, with its storage key: a second row with the same id in one file is
    skipped and reported.

    Keys are remembered as 12-byte digests, so a million-row file costs tens of MB, not
    hundreds (a collision is about as likely as 1 in 10^17 for a million keys).
    """
    kept: list[tuple[tuple[str, str], Classified]] = []
    for item in items:
        record = item.activity
        key = storage_key(record)
        digest = hashlib.blake2b(f"{key[0]}\x00{key[1]}".encode(), digest_size=12).digest()
        if digest not in seen:
            seen.add(digest)
            kept.append((key, item))
            continue
        counts.skipped += 1
        if len(counts.problems) >= 2 * MAX_KEPT_PROBLEMS:
            counts.unlisted_duplicates += 1
            continue
        counts.problems.append(asdict(duplicate_id(counts.file, record.line, record.source_id)))
    return kept


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
