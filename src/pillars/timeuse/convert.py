"""Between the standard records (domain/records.py) and the Activity rows that store them."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from pillars.domain.records import Activity as ActivityRecord
from pillars.domain.records import Category, Classified
from pillars.domain.timeuse import split_counted
from pillars.timeuse.models import Activity

# Fields an import may write. `line` is stored but not compared: a row that only moved in the
# file (a newer export with more rows above it) has not changed.
COMPARED_FIELDS = (
    "start",
    "end",
    "all_day",
    "summary",
    "kind",
    "crm_type",
    "direction",
    "owner",
    "organizer",
    "attendees",
    "tags",
    "account",
    "status",
    "partstat",
    "transparent",
    "busy_status",
    "private",
    "category",
    "rule",
)
WRITTEN_FIELDS = (*COMPARED_FIELDS, "line", "import_run")
SOURCE_ID_MAX = Activity._meta.get_field("source_id").max_length or 500


_MAX_LENGTHS = {field.name: getattr(field, "max_length", None) for field in Activity._meta.fields}


def _limit(field: str, value: str) -> str:
    max_length = _MAX_LENGTHS[field]
    return value[:max_length] if max_length and len(value) > max_length else value


def storage_key(record: ActivityRecord) -> tuple[str, str]:
    """(source, source_id) as stored: an over-long id is shortened the same way every time."""
    source_id = record.source_id
    if len(source_id) > SOURCE_ID_MAX:
        digest = hashlib.sha256(source_id.encode("utf-8")).hexdigest()
        source_id = f"{source_id[: SOURCE_ID_MAX - len(digest) - 1]}#{digest}"
    return _limit("source", record.source), source_id


def row_values(item: Classified) -> dict[str, Any]:
    """The stored values of one classified record, cut to the columns' lengths."""
    record, most = item.activity, _MAX_LENGTHS
    # Slicing a string no longer than the limit returns it as is: no copy on most rows.
    return {
        "start": record.start,
        "end": record.end,
        "all_day": record.all_day,
        "summary": record.summary,
        "kind": record.kind[: most["kind"]],
        "crm_type": record.crm_type[: most["crm_type"]],
        "direction": record.direction[: most["direction"]],
        "owner": record.owner[: most["owner"]],
        "organizer": record.organizer[: most["organizer"]],
        "attendees": list(record.attendees),
        "tags": list(record.tags),
        "account": record.account[: most["account"]],
        "status": record.status[: most["status"]],
        "partstat": record.partstat[: most["partstat"]],
        "transparent": record.transparent,
        "busy_status": record.busy_status[: most["busy_status"]],
        "private": record.private,
        "category": item.category.value,
        "rule": item.rule[: most["rule"]],
        "line": record.line,
    }


def new_row(
    person_id: int, run_id: int, key: tuple[str, str], values: dict[str, Any]
) -> dict[str, Any]:
    """A new Activity row's attributes: created by this run, under its storage key."""
    return {
        "person_id": person_id,
        "import_run_id": run_id,
        "created_by_run_id": run_id,
        "source": key[0],
        "source_id": key[1],
        **values,
    }


def changed_fields(row: Activity, values: dict[str, Any]) -> list[str]:
    """The compared fields whose stored value differs from the new one."""
    return [name for name in COMPARED_FIELDS if getattr(row, name) != values[name]]


def snapshot(row: Activity) -> dict[str, Any]:
    """The written fields of a stored row, JSON-ready, to restore it later (undo)."""
    values = {name: getattr(row, name) for name in WRITTEN_FIELDS if name != "import_run"}
    values["start"], values["end"] = row.start.isoformat(), row.end.isoformat()
    values["import_run"] = row.import_run_id
    return values


def restored(values: dict[str, Any]) -> dict[str, Any]:
    """The model values of a snapshot (the inverse of `snapshot`), import_run as an id."""
    result = {name: value for name, value in values.items() if name != "import_run"}
    result["start"] = datetime.fromisoformat(values["start"])
    result["end"] = datetime.fromisoformat(values["end"])
    result["import_run_id"] = values["import_run"]
    return result


def to_record(row: Activity, tz: tzinfo | None = None) -> ActivityRecord:
    """The standard record a stored row came from, for the pure domain functions.

    All-day entries are given back in `tz` (the zone they were read in, the person's), so
    their midnights fall on the right days again; the database keeps only the UTC instant.
    """
    start, end = row.start, row.end
    if row.all_day and tz is not None:
        start, end = start.astimezone(tz), end.astimezone(tz)
    return ActivityRecord(
        source=row.source,
        source_id=row.source_id,
        start=start,
        end=end,
        summary=row.summary,
        all_day=row.all_day,
        kind=row.kind,
        crm_type=row.crm_type,
        direction=row.direction,
        owner=row.owner,
        organizer=row.organizer,
        attendees=tuple(row.attendees),
        tags=tuple(row.tags),
        account=row.account,
        status=row.status,
        partstat=row.partstat,
        transparent=row.transparent,
        busy_status=row.busy_status,
        private=row.private,
        line=row.line,
    )


def to_classified(row: Activity, record: ActivityRecord | None = None) -> Classified:
    """The stored row with its effective category: the person's override wins over the rule."""
    record = record or to_record(row)
    if row.override_category:
        return Classified(record, Category(row.override_category), "override")
    # A row stored without a category (made by hand) counts as internal, like any logged entry.
    return Classified(record, Category(row.category or Category.INTERNAL), row.rule)


def counted_rows(
    rows: Sequence[Any], tz: tzinfo
) -> tuple[list[ActivityRecord], list[Classified], list[tuple[ActivityRecord, str]], list[Any]]:
    """Stored rows (or tuples of their fields) as records, and of those: the counted ones
    classified, the excluded ones with why, and the all-day absences."""
    records = [to_record(row, tz) for row in rows]
    counted, excluded, out_of_office = split_counted(records)
    counted_ids = {id(record) for record in counted}
    classified = [
        to_classified(row, record)
        for row, record in zip(rows, records, strict=True)
        if id(record) in counted_ids
    ]
    return records, classified, excluded, out_of_office
