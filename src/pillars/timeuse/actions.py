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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from pillars.domain.records import Activity as ActivityRecord
from pillars.domain.records import Category, Classified
from pillars.errors import StrictImportError
from pillars.importers.base import MAX_KEPT_PROBLEMS, ReadLog, ReadOptions
from pillars.importers.files import read_activities
from pillars.teams.models import Person
from pillars.timeuse.convert import (
    WRITTEN_FIELDS,
    changed_fields,
    row_values,
    snapshot,
    storage_key,
)
from pillars.timeuse.models import Activity, ImportChange, ImportRun, ImportStatus
from pillars.timeuse.rules import attribute_to_person, classifier_for

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
    with the number of rows read so far, every CHUNK rows and once at the end. A queued
    `run` (a web upload) is filled in and marked done instead of creating a new one. Each
    updated row's previous values are kept (ImportChange) so the run can be undone.
    """
    log = ReadLog(file=path.name)
    records = list(_counted(read_activities(path, options, log), progress))
    if strict and log.error_count:
        first = log.errors[0] if log.errors else None
        raise StrictImportError(
            path.name,
            f"{log.error_count} bad row(s), nothing imported (strict); first: "
            + (first.message if first else "see the file"),
            line=first.line if first else None,
            column=first.column if first else None,
        )
    run = store_activities(
        person=person,
        records=records,
        name=path.name,
        started_by=started_by,
        run=run,
        sha256=_sha256(path),
        skipped=log.error_count,
        problems=[_problem(p) for p in (*log.errors, *log.warnings)],
    )
    if progress is not None:
        progress(len(records))
    return run


def store_activities(
    *,
    person: Person,
    records: Sequence[ActivityRecord],
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
    records = list(records)
    attribution = attribute_to_person(records, person)
    classify = classifier_for(person)
    counts = Counts(name, skipped=skipped + attribution.others)
    counts.problems = list(problems)
    counts.problems += [{**problem, "file": name} for problem in attribution.problems]
    # Classify before the transaction: on SQLite the write lock is held only while writing.
    items = [classify(record) for record in _first_of_each_key(attribution.mine, counts)]
    with transaction.atomic():
        if run is None:
            run = ImportRun.objects.create(
                person=person,
                started_by=started_by if getattr(started_by, "pk", None) else None,
                file_name=name[:255],
            )
        run.source_kind = _source_kind(records)
        run.sha256 = sha256
        for chunk in _chunks(items, CHUNK):
            _write_chunk(person, run, chunk, counts)
        for field_name in ("created", "updated", "unchanged", "skipped", "problems"):
            setattr(run, field_name, getattr(counts, field_name))
        run.status, run.rows_read, run.finished_at = ImportStatus.DONE, len(records), timezone.now()
        run.save()
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
    return activity


def _write_chunk(person: Person, run: ImportRun, items: list[Classified], counts: Counts) -> None:
    keys = [storage_key(item.activity) for item in items]
    existing = {
        (row.source, row.source_id): row
        for row in Activity.objects.filter(
            person=person, source_id__in=[source_id for _, source_id in keys]
        )
    }
    to_create: list[Activity] = []
    to_update: list[Activity] = []
    changes: list[ImportChange] = []
    for (source, source_id), item in zip(keys, items, strict=True):
        values = row_values(item)
        row = existing.get((source, source_id))
        if row is None:
            to_create.append(
                Activity(
                    person=person,
                    import_run=run,
                    created_by_run=run,
                    source=source,
                    source_id=source_id,
                    **values,
                )
            )
        elif changed_fields(row, values):
            changes.append(ImportChange(run=run, activity=row, previous=snapshot(row)))
            for name, value in values.items():
                setattr(row, name, value)
            row.import_run = run
            to_update.append(row)
        else:
            counts.unchanged += 1
    Activity.objects.bulk_create(to_create, batch_size=BATCH)
    Activity.objects.bulk_update(to_update, WRITTEN_FIELDS, batch_size=BATCH)
    ImportChange.objects.bulk_create(changes, batch_size=BATCH)
    counts.created += len(to_create)
    counts.updated += len(to_update)


def _first_of_each_key(records: list[ActivityRecord], counts: Counts) -> Iterator[ActivityRecord]:
    """Each key once: a second row with the same id in one file is skipped and reported."""
    seen: set[tuple[str, str]] = set()
    for record in records:
        key = storage_key(record)
        if key in seen:
            counts.skipped += 1
            if len(counts.problems) >= 2 * MAX_KEPT_PROBLEMS:
                continue
            counts.problems.append(
                {
                    "file": counts.file,
                    "line": record.line or None,
                    "column": None,
                    "message": f"duplicate id {record.source_id!r}: only the first one is kept",
                    "record_id": record.source_id,
                    "level": "warning",
                }
            )
            continue
        seen.add(key)
        yield record


def _counted(
    records: Iterable[ActivityRecord], progress: Callable[[int], None] | None
) -> Iterator[ActivityRecord]:
    for number, record in enumerate(records, start=1):
        if progress is not None and number % CHUNK == 0:
            progress(number)
        yield record


def _chunks(items: list[Classified], size: int) -> Iterator[list[Classified]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _problem(error: Any) -> dict[str, Any]:
    return {
        "file": error.file,
        "line": error.line,
        "column": error.column,
        "message": error.message,
        "record_id": error.record_id,
        "level": error.level,
    }


def _source_kind(records: list[ActivityRecord]) -> str:
    return ",".join(sorted({record.source for record in records}))[:60]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
