"""Activities pushed through the API: stored as an import of records instead of a file.

The same machinery as `actions.import_activities` after the file is read: owner attribution,
the organisation's rules, one key kept per batch, then the chunked upsert in one transaction
recorded as an ImportRun. So a push is idempotent on (source, source_id) exactly as a
re-import is, and classified as imports are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from pillars.domain.records import Activity as ActivityRecord
from pillars.teams.models import Person
from pillars.timeuse.actions import (
    CHUNK,
    Counts,
    _chunks,
    _first_of_each_key,
    _source_kind,
    _write_chunk,
)
from pillars.timeuse.models import ImportRun
from pillars.timeuse.rules import attribute_to_person, classifier_for


def push_activities(
    *,
    person: Person,
    records: Sequence[ActivityRecord],
    started_by: Any = None,
    name: str = "api",
) -> ImportRun:
    """Store a batch of the person's activities (create, update or leave unchanged)."""
    records = list(records)
    attribution = attribute_to_person(records, person)
    classify = classifier_for(person)
    counts = Counts(name, skipped=attribution.others)
    counts.problems = [{**problem, "file": name} for problem in attribution.problems]
    items = [classify(record) for record in _first_of_each_key(attribution.mine, counts)]
    with transaction.atomic():
        run = ImportRun.objects.create(
            person=person,
            started_by=started_by if getattr(started_by, "pk", None) else None,
            file_name=name[:255],
            source_kind=_source_kind(records),
        )
        for chunk in _chunks(items, CHUNK):
            _write_chunk(person, run, chunk, counts)
        for field in ("created", "updated", "unchanged", "skipped", "problems"):
            setattr(run, field, getattr(counts, field))
        run.save(update_fields=["created", "updated", "unchanged", "skipped", "problems"])
    return run
