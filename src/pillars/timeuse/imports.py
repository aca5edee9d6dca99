"""Imports from the web: save an upload, queue it, read it in the worker, undo it.

Decisions:
- An upload is saved as PILLARS_UPLOAD_DIR/<random hex>/<the user's file name, sanitised>:
  the random directory makes the path unguessable and collision-free, and keeping the name
  lets every error message name the file the user chose. Files are kept, so an import can
  be run again ("import again" after an undo); they are never served back.
- Undo is a stack: a run can be undone only while it is still the last import that wrote
  each of its rows. If a newer import changed one of them, undo is refused with the newer
  file's name (undo that one first), rather than guessing how to merge the two.
- Undo removes the entries the run created (with any category override made on them since)
  and restores the written fields of the entries it changed; overrides on those are kept.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename

from pillars.domain.window import dates_window
from pillars.errors import PillarsError
from pillars.importers.base import ReadOptions
from pillars.teams.models import Person
from pillars.timeuse.convert import WRITTEN_FIELDS, restored
from pillars.timeuse.models import Activity, ImportRun, ImportStatus
from pillars.timeuse.week_cache import touch_people

ACCEPTED_SUFFIXES = (".ics", ".csv", ".tsv", ".txt", ".xlsx")
WEEKS_BACK, WEEKS_AHEAD = 52, 13  # as `pillars import` without --from/--to


class ImportRefused(PillarsError):
    """This import cannot be undone or run again now; the message says why and what to do."""


def upload_dir() -> Path:
    return Path(settings.PILLARS_UPLOAD_DIR)


def default_read_dates(person: Person) -> tuple[date, date]:
    """The dates a file is read for when the user gives none: 52 weeks back, 13 ahead."""
    today = timezone.now().astimezone(ZoneInfo(person.timezone)).date()
    return today - timedelta(weeks=WEEKS_BACK), today + timedelta(weeks=WEEKS_AHEAD)


def save_upload(upload: UploadedFile) -> str:
    """Write the upload under a new random directory; the path relative to upload_dir()."""
    name = Path(upload.name or "upload").name
    stem, suffix = Path(name).stem[:80], Path(name).suffix.lower()
    safe = get_valid_filename(f"{stem}{suffix}") if stem.strip(" .") else f"upload{suffix}"
    relative = Path(secrets.token_hex(16)) / safe
    target = upload_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return relative.as_posix()


def queue_import(
    *, person: Person, upload: str, file_name: str, started_by: Any, read: tuple[date, date]
) -> ImportRun:
    """Record a queued run for a saved upload and hand it to the background worker."""
    from pillars.timeuse.tasks import run_import

    run = ImportRun.objects.create(
        person=person,
        started_by=started_by if getattr(started_by, "pk", None) else None,
        file_name=file_name[:255],
        status=ImportStatus.QUEUED,
        upload=upload,
        read_from=read[0],
        read_to=read[1],
    )
    run_import.enqueue(run.pk)
    return run


def import_again(*, run: ImportRun, started_by: Any) -> ImportRun:
    """Queue the same saved file again (after an undo, or to refresh)."""
    if not run.upload or not (upload_dir() / run.upload).is_file():
        raise ImportRefused("the uploaded file is no longer kept: upload it again")
    dates = (run.read_from, run.read_to)
    read = dates if dates[0] and dates[1] else default_read_dates(run.person)
    return queue_import(
        person=run.person,
        upload=run.upload,
        file_name=run.file_name,
        started_by=started_by,
        read=read,  # type: ignore[arg-type]
    )


def read_options(run: ImportRun) -> ReadOptions:
    """How the worker reads a run's file: the person's zone, the run's dates, as its owner."""
    tz = ZoneInfo(run.person.timezone)
    first, last = run.read_from, run.read_to
    if first is None or last is None:
        first, last = default_read_dates(run.person)
    return ReadOptions(window=dates_window(first, last, tz), tz=tz, owner=run.person.email)


def rows_read(run: ImportRun) -> int:
    """Every data row a finished run read in its dates: stored, unchanged or skipped (bad
    rows, repeated ids, other owners' rows). While the import runs, the progress so far
    (good rows only: bad ones are counted at the end)."""
    if run.in_progress:
        return run.rows_read
    return run.created + run.updated + run.unchanged + run.skipped


def touched_later(run: ImportRun) -> list[ImportRun]:
    """Newer runs that rewrote rows this run created or changed (they block its undo)."""
    mine = Q(created_by_run=run) | Q(pk__in=run.changes.values("activity_id"))
    later = Activity.objects.filter(mine).exclude(import_run=run).values("import_run_id")
    return list(ImportRun.objects.filter(pk__in=later).order_by("-created_at", "-pk"))


def undo_refusal(run: ImportRun) -> str | None:
    """Why this run cannot be undone now, or None when it can."""
    if run.status != ImportStatus.DONE:
        return f"only a finished import can be undone; this one is {run.get_status_display()}"
    if not run.undoable:
        return "this import was recorded before undo existed: it kept no earlier values"
    newer = touched_later(run)
    if newer:
        names = ", ".join(f"{r.file_name} ({r.created_at:%d %b %Y %H:%M})" for r in newer[:3])
        return f"a newer import changed some of its entries since: undo {names} first"
    return None


@transaction.atomic
def undo_import(*, run: ImportRun) -> tuple[int, int]:
    """Remove what the run created and restore what it changed; (removed, restored)."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    reason = undo_refusal(run)
    if reason:
        raise ImportRefused(reason)
    # delete() also counts what goes with the entries (their account links): count entries only.
    _, deleted = Activity.objects.filter(created_by_run=run).delete()
    removed = deleted.get(Activity._meta.label, 0)
    changes = {change.activity_id: change.previous for change in run.changes.all()}
    rows = list(Activity.objects.filter(pk__in=changes))
    for row in rows:
        for name, value in restored(changes[row.pk]).items():
            setattr(row, name, value)
    fields = [name for name in WRITTEN_FIELDS if name != "import_run"] + ["import_run"]
    Activity.objects.bulk_update(rows, fields, batch_size=500)
    run.changes.all().delete()
    run.status = ImportStatus.UNDONE
    run.save(update_fields=["status"])
    touch_people([run.person_id])
    return removed, len(rows)
